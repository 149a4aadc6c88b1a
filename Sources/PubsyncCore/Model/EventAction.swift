import Foundation

/// What an audit-trail event records. Reports count events by these typed actions, never by an
/// event's free-text detail, so rewording a detail can never change a figure.
public enum EventAction: String, Sendable, Codable, CaseIterable {
    /// An item was imported (a new item or a new revision).
    case imported = "import"
    /// A person approved a revision.
    case approve
    /// A revision became the approved one.
    case approved
    /// A channel put an item that was not live there before.
    case published
    /// A channel put a newer revision of a live item.
    case updated
    /// A channel put the same revision again (e.g. after a template change).
    case refreshed
    /// A channel removed an item that is no longer routed to it.
    case removed
    /// A channel removed an item because it was retracted (撤回).
    case takenDown = "taken-down"
    /// A channel refused an item's content.
    case rejected
    /// A channel failed to remove a retracted item; the removal stays pending.
    case removeFailed = "remove-failed"
    /// A person retracted an item.
    case retract
    /// A person restored a retracted item.
    case restore
    /// The audit flagged a revision.
    case flagged
    /// A person dismissed an audit flag.
    case flagDismissed = "flag-dismissed"
    /// The year's official annual report was filed (报送): its figures and the SHA-256 of the rendering.
    case reportFiled = "report-filed"
}
