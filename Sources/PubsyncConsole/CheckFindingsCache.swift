import Foundation
import PubsyncCore

/// The dashboard's `check` findings: the spot check (which reads the site's output for broken
/// links) runs at most once a minute however often the dashboard is opened.
actor CheckFindingsCache {
    /// How long one run's findings are shown before the check runs again.
    static let lifetime: TimeInterval = 60

    private let check: SpotCheck
    private var last: (at: Date, day: LocalDate, report: CheckReport)?

    init(check: SpotCheck) {
        self.check = check
    }

    /// The findings as of `day`, from a run less than a minute old when there is one.
    func report(asOf day: LocalDate, now: Date = Date()) async throws -> CheckReport {
        if let last, last.day == day, now.timeIntervalSince(last.at) < Self.lifetime { return last.report }
        let report = try await check.run(asOf: day)
        last = (now, day, report)
        return report
    }

    /// The severity as the spot check's scoring names it.
    static func severityLabel(_ severity: CheckSeverity) -> String {
        switch severity {
        case .veto: return "单项否决"
        case .deduct: return "扣分"
        case .warn: return "提示"
        }
    }

    /// A rule's name in the words of the spot check.
    static func ruleLabel(_ rule: String) -> String {
        [
            CheckRule.columnStale: "栏目更新不及时", CheckRule.homeStale: "首页更新不及时", CheckRule.columnEmpty: "空白栏目",
            CheckRule.brokenLink: "链接不可用", CheckRule.metadataMissing: "元数据缺项", CheckRule.validityExpiring: "即将失效的规范性文件",
            CheckRule.footerMissing: "网站标识缺失", CheckRule.flagOpen: "未处理的审计标记", CheckRule.feedStale: "微博更新不及时",
            CheckRule.attachmentUnscanned: "附件未能审查",
        ][rule] ?? rule
    }
}
