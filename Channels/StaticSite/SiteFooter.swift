import Foundation
import PubsyncCore

/// Who runs the site, as every page's footer shows it (the spot check looks for these).
public struct SiteFooter: Sendable, Hashable {
    /// 主办单位.
    public var sponsor: String?
    /// 承办单位.
    public var operatorName: String?
    /// 地址/电话.
    public var contact: String?
    /// 网站标识码 (10 digits).
    public var siteCode: String?
    /// ICP备案号, linked to the MIIT record.
    public var icp: String?
    /// 公安机关备案号.
    public var policeRecord: String?
    /// 我为政府网站找错: where visitors report an error.
    public var errorReportURL: String?

    /// Where an ICP number is looked up (the footer links it there).
    public static let icpRecordURL = "https://beian.miit.gov.cn/"

    /// The channel keys the footer reads.
    public static let keys: Set<String> = ["sponsor", "operator", "contact", "site_code", "icp", "police_record", "error_report_url"]

    /// The keys the spot check requires, with their Chinese names.
    public static let required: [(key: String, name: String)] = [("sponsor", "主办单位"), ("site_code", "网站标识码"), ("icp", "ICP备案号")]

    /// An empty footer.
    public init(sponsor: String? = nil, operatorName: String? = nil, contact: String? = nil, siteCode: String? = nil,
                icp: String? = nil, policeRecord: String? = nil, errorReportURL: String? = nil) {
        self.sponsor = sponsor
        self.operatorName = operatorName
        self.contact = contact
        self.siteCode = siteCode
        self.icp = icp
        self.policeRecord = policeRecord
        self.errorReportURL = errorReportURL
    }

    /// Reads and checks the footer keys of a channel.
    init(_ settings: ChannelSettings) throws {
        func value(_ key: String) throws -> String? {
            guard let text = try settings.string(key)?.trimmingCharacters(in: .whitespaces) else { return nil }
            guard !text.isEmpty else { throw settings.error(key, "must not be empty (leave it out instead)") }
            return text
        }
        sponsor = try value("sponsor")
        operatorName = try value("operator")
        contact = try value("contact")
        siteCode = try value("site_code")
        if let code = siteCode, code.utf8.count != 10 || !code.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            throw settings.error("site_code", "must be the 10-digit 网站标识码, not \"\(code)\"")
        }
        icp = try value("icp")
        policeRecord = try value("police_record")
        errorReportURL = try value("error_report_url")
        if let url = errorReportURL {
            guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
                throw settings.error("error_report_url", "must be an http(s) address, not \"\(url)\"")
            }
        }
    }

    /// The value of a footer key by its config name.
    func value(forKey key: String) -> String? {
        switch key {
        case "sponsor": return sponsor
        case "operator": return operatorName
        case "contact": return contact
        case "site_code": return siteCode
        case "icp": return icp
        case "police_record": return policeRecord
        case "error_report_url": return errorReportURL
        default: return nil
        }
    }

    /// Every setting, for the fingerprint.
    var fingerprintText: String {
        Self.keys.sorted().map { "\($0)=\(value(forKey: $0) ?? "-")" }.joined(separator: "\u{1F}")
    }
}
