import PubsyncCore

extension StaticSiteAdapter: ReportNaming {
    /// The site as reports name it: its title as a website, e.g. 淄博市交通运输局 → 淄博市交通运输局网站
    /// (a title that already names a website is kept as it is).
    public var reportName: String {
        let title = config.title
        return title.hasSuffix("网站") || title.hasSuffix("网") ? title : title + "网站"
    }
}
