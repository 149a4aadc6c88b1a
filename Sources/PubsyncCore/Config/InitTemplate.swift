import Foundation

/// What `pubsync init` writes: a commented config that works as it is (one site channel) and
/// shows the other channel kinds.
public enum InitTemplate {
    /// The text of the commented `pubsync.toml`.
    public static let config = """
    # pubsync configuration. Paths are relative to this file's folder.
    # Docs: README.md of pubsync. Check it with `pubsync items` (a bad key is named with exit 2).

    # "today" for due dates: an item is published once its publication date is today or earlier.
    timezone = "Asia/Shanghai"

    [store]
    path = "pubsync.db"                  # SQLite; back it up with `pubsync backup FILE`

    # The bureau website: a static HTML site written into a folder.
    [[channels]]
    name = "site"
    kind = "static-site"
    output = "out/site"
    base_url = "https://www.example.gov.cn/"
    title = "本单位政府信息公开"
    # templates = "templates/site"       # your copies of the templates: pubsync templates export DIR
    # include_categories = ["政务公告"]   # only these categories (unless an item names its channels)
    # exclude_categories = ["内部"]       # never these
    # column_order = ["政务公告", "政策文件"] # the office's column order (others follow)
    # page_size = 20                     # items per list page
    [channels.columns]                   # category → URL slug (others get c-<hash>)
    "政务公告" = "notices"
    "政策文件" = "policies"

    # The city government portal, pushed over HTTP (see the Portal Push API).
    # [[channels]]
    # name = "portal"
    # kind = "http-push"
    # url = "http://127.0.0.1:8085"
    # token_env = "PUBSYNC_PORTAL_TOKEN" # or token_file = "portal.token" (mode 0600)
    # format = "json"                    # or "xml"
    # public_url = "https://portal.example.gov.cn/items/{id}"

    # The microblog: RSS, Atom and JSON Feed files.
    # [[channels]]
    # name = "weibo"
    # kind = "feed"
    # output = "out/feeds/weibo"
    # formats = ["rss", "atom", "json"]
    # max_items = 50
    # text_limit = 140
    # title = "本单位微博"
    # base_url = "https://www.example.gov.cn/"
    # include_categories = ["政务公告"]

    [audit]                              # run by `pubsync audit` and on every new revision at import and approval
    rules = ["cn-id-number", "cn-mobile", "secrecy-marking"]   # rules = [] turns audit and screening off
    # words_file = "audit-words.txt"     # one term per line, for the "words" rule

    # The office: items imported without index_number get "{org_code}/{year}-{serial:05}".
    # [disclosure]
    # org_code = "004188191"             # 组织机构代码
    # office = "某市交通运输局"           # the office's full name
    # index_number = "{org_code}/{year}-{serial:05}"

    [attachments]
    max_mb = 50                          # largest file an item may attach (kept in pubsync.db.files/)

    """
}
