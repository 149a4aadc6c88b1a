import PubsyncCore
import Testing
@testable import PubsyncConsole

@Suite("the review queue's diff")
struct RevisionDiffTests {
    func content(_ title: String, _ body: String, sensitive: Bool = false) -> RevisionContent {
        RevisionContent(title: title, body: body, category: "政务公告", published: LocalDate(year: 2014, month: 6, day: 18)!, sensitive: sensitive)
    }

    @Test("changed fields are marked and changed lines are shown removed, then added, with context folded")
    func lineDiff() {
        let old = (1...20).map { "第\($0)行" }
        var new = old
        new[9] = "第10行（已修改）"
        new.append("新增一行")
        let diff = RevisionDiff(old: content("旧标题", old.joined(separator: "\n")), new: content("新标题", new.joined(separator: "\n"), sensitive: true))
        #expect(diff.fields.filter(\.changed).map(\.label) == ["标题", "敏感信息"])
        let kinds = diff.lines.map(\.kind)
        #expect(kinds.first == .skip)
        let removed = diff.lines.firstIndex { $0.kind == .del }!
        #expect(diff.lines[removed].text == "第10行")
        #expect(diff.lines[removed + 1].kind == .add && diff.lines[removed + 1].text == "第10行（已修改）")
        #expect(diff.lines.last?.kind == .add && diff.lines.last?.text == "新增一行")
        #expect(diff.lines.filter { $0.kind == .same }.count == 9, "three lines of context each side, three before the end")
    }

    @Test("a new item is all added")
    func newItem() {
        let diff = RevisionDiff(old: nil, new: content("标题", "一\n二"))
        #expect(diff.lines.map(\.kind) == [.add, .add])
        #expect(diff.fields.first?.old == "" && diff.fields.first?.new == "标题")
    }
}
