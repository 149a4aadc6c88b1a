import Foundation

/// The exact labels and shapes of 《中华人民共和国政府信息公开工作年度报告格式》(国办公开办函〔2021〕30号).
/// Labels are the format's strings, full-width punctuation included; reports never reword them.
public enum OfficialFormat {
    /// The six section headings, in order.
    public static let sectionHeadings = [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]

    /// The sentence that replaces the tables of 三 and 四 when every figure in them is zero.
    public static let nothingReceived = "本年度未收到政府信息公开申请，未发生政府信息公开行政复议、行政诉讼。"

    // MARK: Section 二

    /// The two document rows counted from the store (第二十条第（一）项).
    public static let documentGenres = ["规章", "行政规范性文件"]
    /// The columns of the 第（一）项 table.
    public static let documentColumns = ["本年制发件数", "本年废止件数", "现行有效件数"]
    /// The rows of section 二 the figures file gives, in order, with the block each sits in and its column.
    public static let proactiveRows: [(key: String, block: String, column: String)] = [
        ("行政许可", "第二十条第（五）项", "本年处理决定数量"),
        ("行政处罚", "第二十条第（六）项", "本年处理决定数量"),
        ("行政强制", "第二十条第（六）项", "本年处理决定数量"),
        ("行政事业性收费", "第二十条第（八）项", "本年收费金额（单位：万元）"),
    ]
    /// The column heading of the first column of every section-二 table.
    public static let contentColumn = "信息内容"

    // MARK: Section 三

    /// One line of the section-三 table: a numbered row, or a group heading without numbers.
    public struct ApplicationLine: Sendable, Hashable {
        /// The figures-file key (e.g. `三.三.1`); nil for a group heading.
        public var key: String?
        /// The exact label.
        public var label: String
        /// Nesting: 0 for 一/二/三/四, 1 for （一）…, 2 for the numbered reasons.
        public var level: Int
    }

    /// The applicant columns: six applicant kinds and 总计.
    public static let applicantColumns = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    /// The column group over the five organisation columns.
    public static let organisationGroup = "法人或其他组织"
    /// The heading over all applicant columns.
    public static let applicantGroup = "申请人情况"
    /// The corner cell's text.
    public static let applicationCorner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

    /// Every line of the section-三 table, in order (25 numbered rows and 5 group headings).
    public static let applicationLines: [ApplicationLine] = {
        var lines: [ApplicationLine] = []
        func row(_ key: String, _ label: String, _ level: Int) { lines.append(ApplicationLine(key: key, label: label, level: level)) }
        func group(_ label: String, _ level: Int) { lines.append(ApplicationLine(key: nil, label: label, level: level)) }
        func numbered(_ prefix: String, _ labels: [String]) {
            for (index, label) in labels.enumerated() { row("\(prefix).\(index + 1)", "\(index + 1).\(label)", 2) }
        }
        row("一", "一、本年新收政府信息公开申请数量", 0)
        row("二", "二、上年结转政府信息公开申请数量", 0)
        group("三、本年度办理结果", 0)
        row("三.一", "（一）予以公开", 1)
        row("三.二", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1)
        group("（三）不予公开", 1)
        numbered("三.三", ["属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
                         "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项"])
        group("（四）无法提供", 1)
        numbered("三.四", ["本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确"])
        group("（五）不予处理", 1)
        numbered("三.五", ["信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
                         "要求行政机关确认或重新出具已获取信息"])
        group("（六）其他处理", 1)
        numbered("三.六", ["申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                         "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "其他"])
        row("三.七", "（七）总计", 1)
        row("四", "四、结转下年度继续办理", 0)
        return lines
    }()

    /// The keys of the 25 numbered rows, in order.
    public static let applicationKeys: [String] = applicationLines.compactMap(\.key)
    /// The rows whose sum is （七）总计: every numbered row of 三 except （七） itself.
    public static let applicationLeafKeys: [String] = applicationKeys.filter { $0.hasPrefix("三.") && $0 != "三.七" }

    /// The label of the numbered row `key`.
    public static func applicationLabel(_ key: String) -> String {
        applicationLines.first { $0.key == key }?.label ?? key
    }

    // MARK: Section 四

    /// The three groups of section 四, in order, with the heading each sits under.
    public static let reviewRows: [(key: String, group: String)] = [
        ("行政复议", "行政复议"),
        ("未经复议直接起诉", "行政诉讼"),
        ("复议后起诉", "行政诉讼"),
    ]
    /// The five columns of each group.
    public static let reviewColumns = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
}
