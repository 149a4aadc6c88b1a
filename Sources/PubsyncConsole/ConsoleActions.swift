import Foundation
import Hummingbird
import PubsyncCore

/// The console's changes: login and logout, approve, dismiss a flag, retract. Each goes through
/// the store's own methods with the logged-in account as the actor; writes that touch items
/// take the writers' lock (busy after `lockWait` seconds), session bookkeeping never does.
struct ConsoleActions: Sendable {
    let routes: ConsoleRoutes

    private var store: ItemStore { routes.store }

    // MARK: login and logout

    func loginPage(_ request: Request, error: String? = nil, username: String = "", status: HTTPResponse.Status = .ok) async throws -> Response {
        if error == nil, try await routes.session(request) != nil { return ConsoleHTTP.redirect("/") }
        let token = StaffAccounts.randomToken()
        var context = try await routes.base(nil)
        context["loginCsrf"] = token
        context["username"] = username
        if let error { context["error"] = error }
        var response = routes.http.page("login", context, status: status)
        response.setCookie(cookie(request, name: ConsoleRoutes.loginCookie, value: token, path: "/login", maxAge: 3600))
        return response
    }

    func login(_ request: Request) async throws -> Response {
        let form = (try? await ConsoleHTTP.form(request)) ?? [:]
        guard ConsoleHTTP.sameToken(form["csrf"], request.cookies[ConsoleRoutes.loginCookie]?.value ?? "") else {
            return routes.http.message(.forbidden, heading: "请求无效", text: "登录表单已失效（CSRF 校验失败），请重新打开登录页。",
                                       base: try await routes.base(nil), back: "/login")
        }
        let name = (form["username"] ?? "").trimmingCharacters(in: .whitespaces)
        let password = form["password"] ?? ""
        let accounts = routes.accounts
        let outcome = try await offThread { try accounts.login(name: name, password: password) }
        switch outcome {
        case .session(let id, _):
            var response = ConsoleHTTP.redirect("/")
            response.setCookie(cookie(request, name: ConsoleRoutes.sessionCookie, value: id, path: "/", maxAge: nil))
            response.setCookie(cookie(request, name: ConsoleRoutes.loginCookie, value: "", path: "/login", maxAge: 0))
            return response
        case .refused:
            return try await loginPage(request, error: "用户名或密码错误。", username: name, status: .unauthorized)
        case .locked(let until):
            return try await loginPage(request, error: "连续登录失败次数过多，账号已锁定，请于 \(routes.time(until)) 之后再试。", username: name, status: .forbidden)
        }
    }

    func logout(_ request: Request, _ session: StaffSession) async throws -> Response {
        if let id = request.cookies[ConsoleRoutes.sessionCookie]?.value {
            let accounts = routes.accounts
            try await offThread { try accounts.logout(id: id) }
        }
        var response = ConsoleHTTP.redirect("/login")
        response.setCookie(cookie(request, name: ConsoleRoutes.sessionCookie, value: "", path: "/", maxAge: 0))
        return response
    }

    /// An HttpOnly, SameSite=Strict cookie; Secure when the request came over HTTPS (as the
    /// reverse proxy says with `X-Forwarded-Proto: https`).
    private func cookie(_ request: Request, name: String, value: String, path: String, maxAge: Int?) -> Cookie {
        let forwarded = request.headers[.init("X-Forwarded-Proto")!]?.lowercased()
        let secure = request.uri.scheme?.rawValue == "https" || forwarded == "https"
        return Cookie(name: name, value: value, maxAge: maxAge, path: path, secure: secure, httpOnly: true, sameSite: .strict)
    }

    // MARK: review, flags, retraction

    func approve(_ session: StaffSession, form: [String: String], id: String) async throws -> Response {
        guard let role = session.account.role.approvalRole else {
            return try await routes.forbidden(session, "只有审核人和分管领导可以审核。")
        }
        guard form["role"] == role.rawValue else {
            return try await routes.forbidden(session, "只能以本人角色审核。")
        }
        guard ItemID.isValid(id) else { throw PubsyncError(.notFound, "no item '\(id.prefix(140))' in the store") }
        guard let rev = form["rev"].flatMap(Int.init) else { throw PubsyncError(.usage, "表单缺少版本号。") }
        let comment = String((form["comment"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(2000))
        let store = self.store, name = session.account.name, screening = routes.screening
        let notice = try await routes.underLock("approve \(id)") { () -> String in
            let state = try store.itemDetail(id: id).state
            guard state.headRev == rev else {
                throw PubsyncError(.conflict, "信息 \(id) 已有更新的第 \(state.headRev) 版，请重新查看后再审核。", item: id)
            }
            let result = try store.approve(item: id, by: name, role: role, comment: comment.isEmpty ? nil : comment, screening: screening)
            return !result.heldBy.isEmpty ? "held" : result.becameApproved ? "published" : "approved"
        }
        return ConsoleHTTP.redirect("/items/\(id)?notice=\(notice)")
    }

    func dismiss(_ session: StaffSession, form: [String: String], flag: String) async throws -> Response {
        guard session.account.role == .auditor else { return try await routes.forbidden(session, "只有审计员可以排除审计标记。") }
        guard let number = Int64(flag) else { throw PubsyncError(.notFound, "no flag '\(flag.prefix(40))'") }
        let reason = (form["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw PubsyncError(.usage, "请填写排除理由。") }
        let store = self.store, name = session.account.name
        try await routes.underLock("flags dismiss \(number)") { try store.dismissFlag(number, by: name, reason: String(reason.prefix(2000))) }
        return ConsoleHTTP.redirect("/flags?notice=dismissed")
    }

    func retract(_ session: StaffSession, form: [String: String], id: String) async throws -> Response {
        guard session.account.role == .auditor else { return try await routes.forbidden(session, "只有审计员可以撤回信息。") }
        guard ItemID.isValid(id) else { throw PubsyncError(.notFound, "no item '\(id.prefix(140))' in the store") }
        guard (form["confirm"] ?? "").trimmingCharacters(in: .whitespaces) == id else {
            throw PubsyncError(.usage, "确认编号与信息编号 \(id) 不一致，未撤回。")
        }
        let reason = (form["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw PubsyncError(.usage, "请填写撤回原因。") }
        let store = self.store, name = session.account.name
        try await routes.underLock("retract \(id)") { _ = try store.retract([id], by: name, reason: String(reason.prefix(2000))) }
        return ConsoleHTTP.redirect("/items/\(id)?notice=retracted")
    }
}
