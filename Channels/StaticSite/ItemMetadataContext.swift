import Foundation
import PubsyncCore

/// The template variables of an item page's disclosure block (索引号 … 有效性) and of the
/// notice at the top of a repealed or lapsed document. Dates are `YYYY-MM-DD`; a variable is
/// absent when the field is empty, so `{{#written}}…{{/written}}` shows only what applies.
struct ItemMetadataContext {
    let item: PublishedItem
    /// The relative prefix back to the site root.
    let root: String

    func add(to context: inout [String: Any]) {
        let metadata = item.metadata
        func set(_ key: String, _ value: String?) {
            if let value, !value.isEmpty { context[key] = SiteRenderer.text(value) }
        }
        set("written", metadata.written?.description)
        set("subject", metadata.subject)
        set("genre", metadata.genre)
        set("keywords", metadata.keywords.joined(separator: " "))
        set("effective", metadata.effective?.description)
        set("validUntil", metadata.validUntil?.description)
        set("repealed", metadata.repealed?.description)
        context["extra"] = metadata.extra.mapValues(SiteRenderer.text)
        guard let validity = item.validity else { return }
        context["validity"] = validity.rawValue
        context["validityClass"] = Self.cssClass(validity)
        switch validity {
        case .valid:
            break
        case .lapsed:
            context["lapsed"] = true
            set("lapsedOn", metadata.validUntil?.nextDay.description)
        case .repealed:
            context["isRepealed"] = true
        }
        if validity != .valid {
            let reference = metadata.repealedBy
            if ItemID.isValid(reference) {
                context["repealedByHref"] = root + SitePaths.item(reference)
            }
            set("repealedBy", reference)
        }
    }

    /// The CSS class marking a validity in lists and blocks.
    static func cssClass(_ validity: Validity) -> String {
        switch validity {
        case .valid: return "validity-valid"
        case .lapsed: return "validity-lapsed"
        case .repealed: return "validity-repealed"
        }
    }
}
