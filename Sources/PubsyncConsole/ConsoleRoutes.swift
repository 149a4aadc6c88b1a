import Foundation
import Hummingbird
import PubsyncCore

/// The console's routes: who may see and do what (sessions, CSRF, roles, the writers' lock).
/// The pages themselves are built in `ConsolePages`, the changes in `ConsoleActions`.
struct ConsoleRoutes: Sendable {
    let config: PubsyncConfig
    let store: ItemStore
    let accounts: StaffAccounts
    let http: ConsoleHTTP
    let lockWait: TimeInterval
    /// The audit rules that screen a revision again when it is approved (nil: screening off).
    let screening: AuditRuleSet?
    /// The dashboard's spot-check findings, refreshed at most once a minute.
    let checks: CheckFindingsCache

    /// The session cookie (a random id; the store keeps only its SHA-256).
    static let sessionCookie = "pubsync_session"
    /// The login form's pre-session CSRF cookie (double submit).
    static let loginCookie = "pubsync_login"

    init(config: PubsyncConfig, store: ItemStore, lockWait: TimeInterval) throws {
        self.config = config
        self.store = store
        self.accounts = StaffAccounts(store: store)
        self.http = try ConsoleHTTP()
        self.lockWait = lockWait
        self.screening = try config.screeningRules()
        self.checks = CheckFindingsCache(check: SpotCheck(store: store, channels: config.channels, settings: config.check))
    }

    func buildRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        let pages = ConsolePages(routes: self)
        let actions = ConsoleActions(routes: self)
        router.get("/static/console.css") { _, _ in ConsoleHTTP.stylesheet() }
        router.get("/login") { request, _ in try await actions.loginPage(request) }
        router.post("/login") { request, _ in try await actions.login(request) }
        router.post("/logout") { request, _ in try await self.acting(request) { session, _ in try await actions.logout(request, session) } }
        router.get("/") { request, _ in try await self.viewing(request) { try await pages.dashboard($0, request) } }
        router.get("/queue") { request, _ in try await self.viewing(request) { try await pages.queue($0, request) } }
        router.get("/items/:id") { request, context in
            try await self.viewing(request) { try await pages.item($0, request, id: context.parameters.get("id") ?? "") }
        }
        router.get("/flags") { request, _ in try await self.viewing(request) { try await pages.flags($0, request) } }
        router.get("/report") { request, _ in try await self.viewing(request) { try await pages.report($0, request) } }
        router.post("/items/:id/approve") { request, context in
            try await self.acting(request) { try await actions.approve($0, form: $1, id: context.parameters.get("id") ?? "") }
        }
        router.post("/items/:id/retract") { request, context in
            try await self.acting(request) { try await actions.retract($0, form: $1, id: context.parameters.get("id") ?? "") }
        }
        router.post("/flags/:n/dismiss") { request, context in
            try await self.acting(request) { try await actions.dismiss($0, form: $1, flag: context.parameters.get("n") ?? "") }
        }
        return router
    }

    /// The request's live session, if any.
    func session(_ request: Request) async throws -> StaffSession? {
        guard let id = request.cookies[Self.sessionCookie]?.value, !id.isEmpty else { return nil }
        let accounts = self.accounts
        return try await offThread { try accounts.session(id: id) }
    }

    /// A page for a logged-in account; anyone else is sent to the login page (303).
    func viewing(_ request: Request, _ body: (StaffSession) async throws -> Response) async throws -> Response {
        guard let session = try await session(request) else { return ConsoleHTTP.redirect("/login") }
        do {
            return try await body(session)
        } catch {
            return try await failure(error, session)
        }
    }

    /// A change by a logged-in account: the form must carry the session's CSRF token (else 403,
    /// nothing changed).
    func acting(_ request: Request, _ body: (StaffSession, [String: String]) async throws -> Response) async throws -> Response {
        guard let session = try await session(request) else { return ConsoleHTTP.redirect("/login") }
        let form: [String: String]
        do {
            form = try await ConsoleHTTP.form(request)
        } catch {
            return http.message(.contentTooLarge, heading: "请求过大", text: "表单内容过长。", base: try await base(session))
        }
        guard ConsoleHTTP.sameToken(form["csrf"], session.csrf) else {
            return http.message(.forbidden, heading: "请求无效", text: "表单已失效或来源不明（CSRF 校验失败），未做任何更改。请刷新页面后重试。",
                                base: try await base(session))
        }
        do {
            return try await body(session, form)
        } catch {
            return try await failure(error, session)
        }
    }

    /// 403 for an action outside the account's role.
    func forbidden(_ session: StaffSession, _ text: String) async throws -> Response {
        http.message(.forbidden, heading: "无权操作", text: text + "（当前角色：\(ItemStateDisplay.label(session.account.role))）未做任何更改。",
                     base: try await base(session))
    }

    /// Runs a store change under the writers' lock: waits up to `lockWait` seconds, else the
    /// `.locked` error becomes a 503 "busy" page and nothing changes.
    func underLock<T: Sendable>(_ command: String, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        let lock = try await WriteLock.acquire(storePath: store.path, wait: lockWait, command: "serve: \(command)")
        defer { withExtendedLifetime(lock) {} }
        return try await offThread(body)
    }

    /// An error as a page: busy 503, missing 404, conflict 409, bad input 400, else 500.
    func failure(_ error: any Error, _ session: StaffSession) async throws -> Response {
        let base = try await base(session)
        guard let error = error as? PubsyncError else {
            return http.message(.internalServerError, heading: "系统错误", text: "处理请求时出错，未做任何更改。", base: base)
        }
        switch error.code {
        case .locked:
            return http.message(.serviceUnavailable, heading: "系统繁忙",
                                text: "busy: a sync is running — 正在同步发布，请稍后再试。本次操作未做任何更改。", base: base)
        case .notFound:
            return http.message(.notFound, heading: "未找到", text: error.message, base: base)
        case .conflict:
            return http.message(.conflict, heading: "无法完成", text: error.message, base: base)
        case .usage, .input:
            return http.message(.badRequest, heading: "输入有误", text: error.message, base: base)
        default:
            return http.message(.internalServerError, heading: "系统错误", text: "处理请求时出错：\(error.code)。", base: base)
        }
    }

    /// What every page of a logged-in account shows: office, account, CSRF token, counters.
    func base(_ session: StaffSession?, nav: String = "", notice: String? = nil) async throws -> [String: Any] {
        var context: [String: Any] = [:]
        if !office.isEmpty { context["office"] = office }
        if let notice { context["notice"] = notice }
        guard let session else { return context }
        let store = self.store
        let role = session.account.role.approvalRole
        let (queued, flagged) = try await offThread { (try store.reviewQueue(role: role, limit: 1000).count, try store.openFlagCount()) }
        context["user"] = ["name": session.account.name, "roleLabel": ItemStateDisplay.label(session.account.role), "csrf": session.csrf]
        context["nav"] = [nav: true]
        context["csrf"] = session.csrf
        if role != nil, queued > 0 { context["queueCount"] = queued }
        if flagged > 0 { context["flagCount"] = flagged }
        return context
    }

    /// The office's name for the header: `[disclosure] office`, else the first static-site channel's title.
    var office: String {
        if let office = config.disclosure.office, !office.isEmpty { return office }
        for channel in config.channels where channel.settings.kind == "static-site" {
            if let title = try? channel.settings.string("title"), !title.isEmpty { return title }
        }
        return ""
    }

    /// A time in the configured zone, `yyyy-MM-dd HH:mm`.
    func time(_ date: Date?) -> String {
        guard let date else { return "—" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = config.timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}
