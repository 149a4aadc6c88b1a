import Foundation
import PubsyncTesting
import Testing

/// A real `pubsync-portal` on a free loopback port for end-to-end tests.
final class PortalProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    static let token = "e2e-portal-token-7c1d9"

    init(runner: BinaryRunner, database: String, port: Int = 0, extra: [String] = []) throws {
        process.executableURL = runner.executable("pubsync-portal")
        process.arguments = ["--host", "127.0.0.1", "--port", "\(port)", "--token-env", "PUBSYNC_PORTAL_TOKEN", "--db", database] + extra
        var env = ProcessInfo.processInfo.environment
        env["PUBSYNC_PORTAL_TOKEN"] = Self.token
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let portText = text.split(separator: ":").last?.split(separator: "\n").first, let bound = Int(portText) else {
            process.terminate()
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSDebugDescriptionErrorKey: "pubsync-portal said: \(text)"])
        }
        self.port = bound
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    deinit { stop() }
}

/// The demo deployment in a temp folder, with its portal.
struct DemoDeployment {
    let workspace: Workspace
    let repo: URL
    var portal: PortalProcess?

    init() throws {
        var root = URL(fileURLWithPath: #filePath)
        while !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) { root.deleteLastPathComponent() }
        repo = root
        let seedConfig = try String(contentsOf: root.appendingPathComponent("seeds/zibo-transport-2014/pubsync.toml"), encoding: .utf8)
        workspace = try Workspace(config: "timezone = \"Asia/Shanghai\"\n[store]\npath = \"pubsync.db\"\n")
        let runner = workspace.runner
        let portal = try PortalProcess(runner: runner, database: workspace.directory.path("portal.db"))
        self.portal = portal
        try workspace.directory.write("pubsync.toml", seedConfig.replacingOccurrences(of: "http://127.0.0.1:8085", with: "http://127.0.0.1:\(portal.port)"))
    }

    /// Turns the audit rules on (the seed imports its 2014 archive with them off, as it was published).
    func enableAuditRules() throws {
        let config = try String(contentsOfFile: workspace.directory.path("pubsync.toml"), encoding: .utf8)
        try workspace.directory.write("pubsync.toml", config.replacingOccurrences(
            of: "rules = []", with: #"rules = ["cn-id-number", "cn-mobile", "secrecy-marking"]"#))
    }

    func seed(_ folder: String) -> String { repo.appendingPathComponent("seeds/zibo-transport-2014/\(folder)").path }

    var env: [String: String] { ["PUBSYNC_PORTAL_TOKEN": PortalProcess.token] }

    @discardableResult
    func run(_ arguments: String...) throws -> BinaryRunner.Result {
        try workspace.runner.pubsync(arguments, in: workspace.directory.url, environment: env)
    }

    /// Every file under the output folders, with its text.
    func outputFiles() throws -> [(String, String)] {
        let root = workspace.directory.url.appendingPathComponent("out")
        let walker = FileManager.default.enumerator(atPath: root.path)
        var files: [(String, String)] = []
        while let relative = walker?.nextObject() as? String {
            let path = root.appendingPathComponent(relative).path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append((relative, (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""))
            }
        }
        return files
    }

    /// The ids the portal holds, through its own listing API.
    func portalIDs() throws -> Set<String> {
        guard let portal else { return [] }
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(portal.port)/items?limit=1000")!)
        request.setValue("Bearer \(PortalProcess.token)", forHTTPHeaderField: "Authorization")
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, _, _ in box.data = data; done.signal() }.resume()
        done.wait()
        let object = try JSONSerialization.jsonObject(with: box.data ?? Data()) as? [String: Any]
        return Set((object?["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
    }
}

final class ResultBox: @unchecked Sendable { var data: Data? }

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("The demo deployment, end to end (real binaries, real portal)")
struct DemoFlowTests {
    @Test("import, sync, report 98/111/47, audit finds the planted number, retract removes it everywhere")
    func wholeJob() throws {
        var demo = try DemoDeployment()
        #expect(try demo.run("import", demo.seed("items"), demo.seed("later")).status == 0)
        let sync = try demo.run("sync")
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(try demo.run("import", demo.seed("updates")).status == 0)
        #expect(try demo.run("sync").status == 0)
        let report = try demo.run("report", "--year", "2014", "--format", "json").json()
        let channels = Dictionary(uniqueKeysWithValues: (report["channels"] as? [[String: Any]] ?? []).map { ($0["name"] as? String ?? "", $0) })
        #expect(channels["site"]?["published"] as? Int == 98)
        #expect(channels["portal"]?["published"] as? Int == 111)
        #expect(channels["weibo"]?["published"] as? Int == 47)
        #expect(channels["site"]?["updated"] as? Int == 3)

        try demo.enableAuditRules()
        let audit = try demo.run("audit", "--json").json()
        #expect(audit["new_flags"] as? Int == 1)
        let flags = try demo.run("flags", "--json").json()["flags"] as? [[String: Any]]
        let planted = try #require(flags?.first?["item"] as? String)
        let plantedTitle = try #require((try demo.run("show", planted, "--json").json()["revisions"] as? [[String: Any]])?.first?["title"] as? String)
        #expect(try demo.portalIDs().contains(planted))

        let retract = try demo.run("retract", "--flagged", "--by", "信息公开科", "--json")
        #expect(retract.status == 0, "\(retract.stderr)")
        #expect(try retract.json()["retracted"] as? [String] == [planted])
        // Gone everywhere: no file under out/ mentions it, the portal's own listing lacks it.
        for (path, text) in try demo.outputFiles() where !path.hasSuffix(".pubsync-feed-state.json") && !path.contains(".pubsync-manifest") {
            #expect(!text.contains(plantedTitle), "\(path) still shows the retracted title")
            #expect(!text.contains("370302198001011238"), "\(path) still holds the number")
            if !path.hasSuffix("atom.xml") { #expect(!text.contains(planted), "\(path) still names \(planted)") }
        }
        let atom = try String(contentsOfFile: demo.workspace.directory.path("out/feeds/weibo/atom.xml"), encoding: .utf8)
        #expect(atom.contains("deleted-entry") && atom.contains("items/\(planted)"))
        #expect(try !demo.portalIDs().contains(planted))
        #expect(try demo.run("status").status == 0)
        let reconcile = try demo.run("reconcile", "--json")
        #expect(reconcile.status == 0, "\(reconcile.stdout)")
        let after = try demo.run("report", "--year", "2014", "--format", "json").json()
        #expect((after["channels"] as? [[String: Any]])?.first?["retracted"] as? Int == 1)

        // The demo's second duty: a new item is screened at import and held until a person acts.
        let screened = try demo.run("import", demo.seed("screening"))
        #expect(screened.status == 0 && screened.stderr.contains("screening flagged 1 item(s)"), "\(screened.stderr)")
        let held = try demo.run("items", "--status", "held", "--json").json()["items"] as? [[String: Any]]
        #expect(held?.map { $0["id"] as? String } == ["zbjt-2015-0003"])
        #expect(try demo.run("sync").status == 0)
        #expect(try !demo.portalIDs().contains("zbjt-2015-0003"))
        #expect(try demo.run("status").status == 3)
        let flag = try #require((try demo.run("flags", "--json").json()["flags"] as? [[String: Any]])?.first?["id"] as? Int)
        #expect(try demo.run("flags", "dismiss", "\(flag)", "--by", "王科长", "--reason", "值班手机为公务号码").status == 0)
        #expect(try demo.run("sync").status == 0)
        #expect(try demo.portalIDs().contains("zbjt-2015-0003"))
        #expect(try demo.run("show", "zbjt-2015-0003", "--json").json()["state"] as? String == "live")
        #expect(try demo.run("status").status == 0)
        demo.portal?.stop()
        demo.portal = nil
    }

    @Test("retract with the portal down: exit 1, pending in status (exit 3); the next sync finishes it")
    func retractWithPortalDown() throws {
        var demo = try DemoDeployment()
        #expect(try demo.run("import", demo.seed("items")).status == 0)
        #expect(try demo.run("sync").status == 0)
        let port = demo.portal!.port
        demo.portal?.stop()
        let retract = try demo.run("retract", "zbjt-2014-0077", "--reason", "含个人信息", "--by", "信息公开科", "--json")
        #expect(retract.status == 1)
        let portal = (try retract.json()["channels"] as? [[String: Any]])?.first { $0["name"] as? String == "portal" }
        #expect(portal?["pending"] as? [String] == ["zbjt-2014-0077"])
        let site = (try retract.json()["channels"] as? [[String: Any]])?.first { $0["name"] as? String == "site" }
        #expect(site?["removed"] as? [String] == ["zbjt-2014-0077"])
        let status = try demo.run("status", "--json")
        #expect(status.status == 3)
        demo.portal = try PortalProcess(runner: demo.workspace.runner, database: demo.workspace.directory.path("portal.db"), port: port)
        let sync = try demo.run("sync")
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(try demo.run("status").status == 0)
        #expect(try !demo.portalIDs().contains("zbjt-2014-0077"))
        demo.portal?.stop()
    }

    @Test("a missing portal token: sync exits 2 naming the variable before changing anything")
    func missingToken() throws {
        let demo = try DemoDeployment()
        #expect(try demo.run("import", demo.seed("items")).status == 0)
        let result = try demo.workspace.runner.pubsync(["sync"], in: demo.workspace.directory.url, environment: ["PUBSYNC_PORTAL_TOKEN": ""])
        #expect(result.status == 2)
        #expect(result.stderr.contains("PUBSYNC_PORTAL_TOKEN"))
        #expect(!FileManager.default.fileExists(atPath: demo.workspace.directory.path("out/site/index.html")))
        #expect(!result.stderr.contains(PortalProcess.token))
    }
}
