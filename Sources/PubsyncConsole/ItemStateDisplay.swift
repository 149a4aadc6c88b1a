import Foundation
import PubsyncCore

/// The one place the console names things in Chinese: the core's derived item states
/// (`LifecycleState`), roles, ledger states, flag states and event actions.
enum ItemStateDisplay {
    /// A state's key, Chinese label and colour tone.
    struct State {
        let key: String
        let label: String
        let tone: String
    }

    static func state(_ state: LifecycleState) -> State {
        switch state {
        case .retracted: return State(key: state.rawValue, label: "已撤回", tone: "bad")
        case .draft: return State(key: state.rawValue, label: "待审核", tone: "quiet")
        case .awaitingLeader: return State(key: state.rawValue, label: "待领导审签", tone: "warn")
        case .held: return State(key: state.rawValue, label: "暂缓发布（审计标记）", tone: "bad")
        case .scheduled: return State(key: state.rawValue, label: "定时发布", tone: "info")
        case .live: return State(key: state.rawValue, label: "已发布", tone: "ok")
        case .due: return State(key: state.rawValue, label: "待发布", tone: "info")
        }
    }

    /// The dashboard's cards, one per state, in DESIGN's order.
    static func cards(_ lifecycles: [String: ItemLifecycle]) -> [[String: Any]] {
        var counts: [LifecycleState: Int] = [:]
        for lifecycle in lifecycles.values { counts[lifecycle.state, default: 0] += 1 }
        return [LifecycleState.draft, .awaitingLeader, .held, .scheduled, .due, .live, .retracted].map { key in
            let shown = state(key), count = counts[key] ?? 0
            return ["label": shown.label, "count": count, "tone": count > 0 && shown.tone == "bad" ? "alert" : shown.tone]
        }
    }

    /// A staff role in Chinese.
    static func label(_ role: StaffRole) -> String {
        switch role {
        case .editor: return "编辑"
        case .reviewer: return "审核人"
        case .leader: return "分管领导"
        case .auditor: return "审计员"
        case .admin: return "系统管理员"
        }
    }

    /// An approval role in Chinese.
    static func label(_ role: ApprovalRole) -> String {
        role == .reviewer ? "审核人" : "分管领导"
    }

    /// A ledger state in Chinese.
    static func label(_ state: LedgerState) -> String {
        switch state {
        case .live: return "已发布"
        case .pending: return "待发布"
        case .failed: return "发布失败（将重试）"
        case .rejected: return "被拒收"
        case .removed: return "已下线"
        }
    }

    /// An event's action in Chinese (the trail's own word when it has no label here).
    static func label(action: String) -> String {
        let labels = [
            "import": "导入", "approve": "审核", "approved": "审核通过", "published": "发布", "updated": "更新发布", "refreshed": "重新发布", "removed": "下线", "taken-down": "撤回下线",
            "rejected": "被拒收", "put-failed": "发布失败", "remove-failed": "下线失败", "retract": "撤回", "restore": "恢复",
            "flagged": "审计标记", "flag-dismissed": "排除标记", "login": "登录", "logout": "退出登录", "login-locked": "账号锁定",
            "user-added": "新增账号", "user-disabled": "停用账号", "user-password": "重设密码",
        ]
        return labels[action] ?? action
    }

    /// A flag status in Chinese.
    static func label(_ status: AuditFlag.Status) -> String {
        switch status {
        case .open: return "未处理"
        case .dismissed: return "已排除"
        default: return "已撤回"
        }
    }
}
