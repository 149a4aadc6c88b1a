import Foundation
import Logging
import PubsyncCore
import StaticSite

// site-bench: times the static-site adapter on generated items.
//   site-bench [--items N] [--columns C] [--out DIR]     full render, no-op, one change, one addition
//   site-bench hugo-site DIR [--items N] [--columns C]   writes the same items as a Hugo site
//   site-bench demo DIR                                  a small site with edge cases, for the HTML checker

var arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String, default value: String) -> String {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return value }
    let result = arguments[index + 1]
    arguments.removeSubrange(index...(index + 1))
    return result
}
let count = Int(option("--items", default: "10000"))!
let columns = Int(option("--columns", default: "10"))!
let generator = Generator(count: count, columns: columns)

if arguments.first == "hugo-site" {
    guard arguments.count > 1 else { fatalError("usage: site-bench hugo-site DIR") }
    try HugoSite(generator: generator, root: URL(fileURLWithPath: arguments[1])).write()
    exit(0)
}

if arguments.first == "demo" {
    guard arguments.count > 1 else { fatalError("usage: site-bench demo DIR") }
    try await DemoSite.write(to: URL(fileURLWithPath: arguments[1]))
    exit(0)
}

let out = URL(fileURLWithPath: option("--out", default: NSTemporaryDirectory() + "site-bench-\(count)"))
try? FileManager.default.removeItem(at: out)
let logger = Logger(label: "site-bench")
let config = SiteConfig(output: out, baseURL: "https://jtj.example.gov.cn/", title: "市交通运输局",
                        columns: generator.columnTable)
let adapter = try StaticSiteAdapter(name: "site", config: config, logger: logger)
let ledger = BenchLedger(generator: generator)
let context = SessionContext(now: Date(), timeZone: TimeZone(identifier: "Asia/Shanghai")!, logger: logger, live: ledger)

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

func peakRSSMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kb = Double(line.split(separator: " ").dropFirst().first(where: { !$0.isEmpty }) ?? "") else { return -1 }
    return kb / 1024
}

/// Files whose mtime is at or after `start` (an independent count of what was written).
@MainActor func filesModified(since start: Date) -> Int {
    var n = 0
    let enumerator = FileManager.default.enumerator(at: out, includingPropertiesForKeys: [.contentModificationDateKey, .isRegularFileKey])!
    for case let url as URL in enumerator {
        let values = try? url.resourceValues(forKeys: [.contentModificationDateKey, .isRegularFileKey])
        if values?.isRegularFile == true, let date = values?.contentModificationDate, date >= start { n += 1 }
    }
    return n
}

/// One session: puts (rendered concurrently, as the engine may), removes, flush.
@MainActor func run(_ label: String, puts: [(Int, Int)]) async throws {
    ledger.prepare()
    defer { ledger.release() }
    let start = Date()
    let clock = ContinuousClock()
    let began = clock.now
    let session = try adapter.openSiteSession(context)
    let opened = clock.now - began
    let width = adapter.maxConcurrentOperations
    try await withThrowingTaskGroup(of: Void.self) { group in
        var next = 0
        func add() {
            let (index, revision) = puts[next]
            next += 1
            group.addTask { _ = try await session.put(generator.item(index, revision: revision)) }
        }
        while next < min(width, puts.count) { add() }
        while try await group.next() != nil { if next < puts.count { add() } }
    }
    let rendered = clock.now
    try await session.flush()
    let elapsed = clock.now - began
    let flushed = clock.now - rendered
    for (index, revision) in puts { ledger.record(index, revision: revision) }
    let report = session.lastFlush!
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let putSeconds = rendered - began
    print(label.padding(toLength: 20, withPad: " ", startingAt: 0) + String(format: " %8.3f s  (open %.3f, puts %.3f, flush %.3f s)  pages written %5d  deleted %d  bookkeeping %d  files with new mtime %5d  peak RSS %6.1f MB",
                 seconds, opened.seconds, (putSeconds - opened).seconds, flushed.seconds, 
                 report.written.count, report.deleted.count, report.bookkeepingWritten.count, filesModified(since: start),
                 peakRSSMegabytes()))
    if !report.phases.isEmpty {
        print("    flush phases: " + report.phases.map { "\($0.name) \(String(format: "%.3f", $0.duration.seconds))" }.joined(separator: ", "))
    }
}

print("site-bench: \(count) items, \(columns) columns, output \(out.path)")
try await run("full render", puts: (0..<count).map { ($0, 1) })
// Past the second boundary, so the mtime count of the next runs sees only their writes.
try await Task.sleep(for: .milliseconds(1100))
try await run("no-op", puts: [])
try await Task.sleep(for: .milliseconds(1100))
try await run("one-item change", puts: [(count / 2, 2)])
try await Task.sleep(for: .milliseconds(1100))
try await run("one-item addition", puts: [(count, 1)])
print(String(format: "peak RSS overall: %.1f MB", peakRSSMegabytes()))
