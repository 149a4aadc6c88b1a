import Foundation
import GRDB

/// Hands out generated 索引号 inside one import transaction: for each prefix (office and
/// year) the next serial after the highest ever in use — numbers held by items, explicit ones
/// included, and every serial given before (kept in `index_serials`, so none is reused).
struct IndexNumberer {
    let numbering: IndexNumbering
    let db: Database
    /// Highest serial known per prefix in this transaction.
    private var highest: [String: Int] = [:]

    init(numbering: IndexNumbering, db: Database) {
        self.numbering = numbering
        self.db = db
    }

    /// The next number for an item first published in `year`, recorded as given.
    mutating func next(year: Int) throws -> String {
        let prefix = numbering.template.prefix(orgCode: numbering.orgCode, year: year)
        let serial = try highestSerial(prefix: prefix, year: year) + 1
        try record(serial, prefix: prefix)
        return numbering.template.number(orgCode: numbering.orgCode, year: year, serial: serial)
    }

    /// An explicit number of the template's form raises its prefix's highest serial.
    mutating func noteExplicit(_ number: String, year: Int) throws {
        let template = numbering.template
        let prefix = template.prefix(orgCode: numbering.orgCode, year: year)
        guard let serial = IndexNumberTemplate.serial(of: number, prefix: prefix, suffix: template.suffix(orgCode: numbering.orgCode, year: year)) else { return }
        let known = try highestSerial(prefix: prefix, year: year)
        if serial > known { try record(serial, prefix: prefix) }
    }

    private mutating func highestSerial(prefix: String, year: Int) throws -> Int {
        if let known = highest[prefix] { return known }
        var best = try Int.fetchOne(db.cachedStatement(sql: "SELECT serial FROM index_serials WHERE prefix = ?"), arguments: [prefix]) ?? 0
        // Numbers in use with this prefix: one range of the unique index on items.index_number.
        let suffix = numbering.template.suffix(orgCode: numbering.orgCode, year: year)
        let numbers = try String.fetchCursor(db, sql: "SELECT index_number FROM items WHERE index_number >= ? AND index_number < ?",
                                             arguments: [prefix, prefix + "\u{10FFFF}"])
        while let number = try numbers.next() {
            if let serial = IndexNumberTemplate.serial(of: number, prefix: prefix, suffix: suffix), serial > best { best = serial }
        }
        highest[prefix] = best
        return best
    }

    private mutating func record(_ serial: Int, prefix: String) throws {
        highest[prefix] = serial
        try db.cachedStatement(sql: """
            INSERT INTO index_serials (prefix, serial) VALUES (?, ?)
            ON CONFLICT (prefix) DO UPDATE SET serial = MAX(serial, excluded.serial)
            """).execute(arguments: [prefix, serial])
    }
}

extension ItemStore {
    /// Inserts one revision row with every content field.
    func insertRevision(_ db: Database, item: String, rev: Int, content: RevisionContent, hash: String, author: String, at: Date) throws {
        var arguments: [(any DatabaseValueConvertible)?] = [
            item, rev, content.title, content.summary, content.body, content.category, content.unit,
            content.indexNumber, content.docNumber, content.published.description,
            content.channels?.joined(separator: ","), content.sensitive, hash, author, at.timeIntervalSince1970,
        ]
        arguments += MetadataColumns.values(content.metadata)
        try db.cachedStatement(sql: """
            INSERT INTO revisions (item_id, rev, title, summary, body, category, unit, index_number, doc_number,
                                   published, channels, sensitive, content_hash, author, created_at,
                                   \(MetadataColumns.names.joined(separator: ", ")))
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, \(Array(repeating: "?", count: MetadataColumns.names.count).joined(separator: ", ")))
            """).execute(arguments: StatementArguments(arguments))
        if !content.attachments.isEmpty {
            try insertAttachments(db, item: item, rev: rev, content.attachments, at: at)
        }
    }
}
