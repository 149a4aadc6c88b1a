import Foundation
@testable import PubsyncCore

/// Made-up resident ID numbers for the audit tests (never real people's numbers).
enum TestID {
    /// GB 11643-1999 weights, written out independently of the rule's own table.
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    /// Check character for each weighted sum mod 11.
    static let checks: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// An 18-digit number with a correct check character: region + YYYYMMDD + 3-digit sequence.
    static func make(region: String = "110101", birth: String, sequence: String) -> String {
        let body = region + birth + sequence
        precondition(body.count == 17)
        let sum = zip(body, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return body + String(checks[sum % 11])
    }

    /// The same number with a wrong check character.
    static func wrongCheck(_ id: String) -> String {
        let last = id.last!
        let replacement: Character = last == "1" ? "2" : "1"
        return String(id.dropLast()) + String(replacement)
    }

    /// A valid made-up ID whose check character is X: tries sequences until one ends in X.
    static func endingInX(region: String = "110101", birth: String = "19900307") -> String {
        for n in 100...999 {
            let id = make(region: region, birth: birth, sequence: String(n))
            if id.hasSuffix("X") { return id }
        }
        fatalError("no sequence gives X")
    }

    /// ASCII digits and X turned into their full-width forms.
    static func fullWidth(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            switch scalar {
            case "0"..."9", "X", "x": Unicode.Scalar(scalar.value + 0xFEE0)!
            default: scalar
            }
        }))
    }
}

/// Ordinary government text that no rule may flag.
enum GovernmentText {
    static let samples = [
        "淄博市交通运输局于2014年12月31日印发《关于开通12328交通运输服务监督电话的公告》（淄交发〔2014〕12号）。",
        "索引号：004188191/2014-00012，发布日期：20141231，文号：淄交办字〔2014〕3号。",
        "服务监督电话12328，市民热线12345，办公室电话0533-2317890，传真（0533）2317891。",
        "2014年度财政拨款收入1234567.89 元，其中基本支出456,789.00元，增长12.5%。",
        "项目编号370300201412，合同编号JT-2014-0012，统一社会信用代码12370300MB2853164W。",
        "根据《中华人民共和国保守国家秘密法》和保密审查制度，涉及国家秘密、商业秘密的信息不予公开，注意机密性。",
        "公交12路首班6:30、末班21:00，票价2元；邮编255000；鲁C12345。",
    ]

    /// All samples as one multi-line text.
    static var all: String { samples.joined(separator: "\n") }
}
