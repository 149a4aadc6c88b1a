/// The page around every HTML report pubsync writes (the per-channel report and the official
/// annual report): one `<head>` for both. Self-contained: UTF-8, `zh-CN`, the report's own
/// inline style; no script, no external asset.
enum ReportPage {
    /// The whole page: `title` (escaped here), `style` (CSS) and `body` (HTML, ending in a newline).
    static func html(title: String, style: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Markup.escape(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }
}
