import GRDB

/// The schema, as named migrations.
///
/// A migration that has landed on main is frozen: databases in the field have run it, so changing it
/// would leave them with a schema this code does not describe. Change the schema by appending a new
/// migration. Migrations are plain SQL on purpose: record types and enums evolve, the SQL a database
/// once ran does not. (A test checks that every model enum value passes the CHECK constraints, so a
/// new case in the model fails loudly until a migration admits it.)
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("001 documents statements labels", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: coreTables)
        }
        migrator.registerMigration("002 statement full-text search", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: statementSearch)
        }
        migrator.registerMigration("003 report indexes", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: reportIndexes)
        }
        migrator.registerMigration("004 statement search fed by the store", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: searchFedByTheStore)
        }
        migrator.registerMigration("005 fewer indexes to maintain on ingest", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: fewerIndexes)
        }
        // Deferred: the tables are rebuilt, which needs foreign keys off until the end (GRDB then runs
        // `PRAGMA foreign_key_check`).
        migrator.registerMigration("006 enum checks without per-row temporary tables", foreignKeyChecks: .deferred) { db in
            try db.execute(sql: enumChecksWithoutTemporaryTables)
        }
        return migrator
    }

    static var knownMigrations: [String] { migrator.migrations }

    private static let timestampNow = "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"

    private static let coreTables = """
        CREATE TABLE ruleset (
            id INTEGER PRIMARY KEY,
            version TEXT NOT NULL UNIQUE CHECK (version <> ''),
            rule_count INTEGER NOT NULL CHECK (rule_count >= 0),
            created_at TEXT NOT NULL DEFAULT \(timestampNow)
        );

        CREATE TABLE ingest_run (
            id INTEGER PRIMARY KEY,
            command TEXT NOT NULL,
            ruleset_id INTEGER NOT NULL REFERENCES ruleset(id),
            started_at TEXT NOT NULL DEFAULT \(timestampNow),
            finished_at TEXT,
            documents_read INTEGER NOT NULL DEFAULT 0 CHECK (documents_read >= 0),
            documents_new INTEGER NOT NULL DEFAULT 0 CHECK (documents_new >= 0),
            documents_unchanged INTEGER NOT NULL DEFAULT 0 CHECK (documents_unchanged >= 0),
            documents_replaced INTEGER NOT NULL DEFAULT 0 CHECK (documents_replaced >= 0),
            documents_failed INTEGER NOT NULL DEFAULT 0 CHECK (documents_failed >= 0),
            statements INTEGER NOT NULL DEFAULT 0 CHECK (statements >= 0),
            labels INTEGER NOT NULL DEFAULT 0 CHECK (labels >= 0),
            bytes INTEGER NOT NULL DEFAULT 0 CHECK (bytes >= 0)
        );
        CREATE INDEX ingest_run_by_ruleset ON ingest_run(ruleset_id);

        -- `key` is the id users see (the JSON Lines id, a file's name); `content_hash` covers the text
        -- and the metadata that changes output, so the same content is stored once under any key.
        CREATE TABLE document (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE CHECK (key <> ''),
            content_hash TEXT NOT NULL UNIQUE CHECK (content_hash <> ''),
            date TEXT CHECK (date IS NULL OR (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
                AND date(julianday(date)) = date)),
            source TEXT,
            url TEXT,
            title TEXT,
            origin TEXT,
            origin_line INTEGER CHECK (origin_line IS NULL OR origin_line >= 1),
            text TEXT NOT NULL,
            byte_count INTEGER NOT NULL CHECK (byte_count >= 0),
            ingest_run_id INTEGER REFERENCES ingest_run(id) ON DELETE SET NULL,
            ingested_at TEXT NOT NULL DEFAULT \(timestampNow)
        );
        CREATE INDEX document_by_date ON document(date);
        CREATE INDEX document_by_run ON document(ingest_run_id);

        -- An actor is a name speaking for a country; NULL countries must collide too, hence the
        -- expression index rather than UNIQUE(name, country).
        CREATE TABLE actor (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('person', 'body', 'country', 'group', 'generic')),
            country TEXT,
            dictionary_key TEXT
        );
        CREATE UNIQUE INDEX actor_identity ON actor(name, ifnull(country, ''));
        CREATE INDEX actor_by_country ON actor(country);

        -- Offsets count Unicode scalars into document.text; `text` is the statement's sentence(s)
        -- verbatim and `date` the document's, copied so reports need no join.
        CREATE TABLE statement (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL CHECK (ordinal >= 0),
            key TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('quote', 'reported', 'position')),
            speaker_mention TEXT,
            speaker_start INTEGER,
            speaker_end INTEGER,
            actor_id INTEGER NOT NULL REFERENCES actor(id),
            role TEXT,
            country TEXT,
            resolution TEXT NOT NULL CHECK (resolution IN
                ('dictionary', 'title', 'surname', 'description', 'pronoun', 'group', 'body', 'generic', 'unresolved')),
            resolution_note TEXT,
            cue TEXT,
            cue_start INTEGER,
            cue_end INTEGER,
            span_start INTEGER NOT NULL CHECK (span_start >= 0),
            span_end INTEGER NOT NULL CHECK (span_end >= span_start),
            content TEXT NOT NULL DEFAULT '[]',
            text TEXT NOT NULL,
            date TEXT CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            UNIQUE (document_id, ordinal),
            CHECK ((speaker_start IS NULL) = (speaker_end IS NULL) AND ifnull(speaker_end >= speaker_start, 1)),
            CHECK ((cue_start IS NULL) = (cue_end IS NULL) AND ifnull(cue_end >= cue_start, 1))
        );
        CREATE INDEX statement_by_actor ON statement(actor_id, date);
        CREATE INDEX statement_by_country ON statement(country, date);
        CREATE INDEX statement_by_date ON statement(date);

        -- country, date, actor_id and document_id repeat the statement's so that aggregate reports
        -- over millions of labels read one table through one covering index.
        CREATE TABLE label (
            id INTEGER PRIMARY KEY,
            statement_id INTEGER NOT NULL REFERENCES statement(id) ON DELETE CASCADE,
            document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
            actor_id INTEGER NOT NULL REFERENCES actor(id),
            ruleset_id INTEGER NOT NULL REFERENCES ruleset(id),
            stance TEXT NOT NULL CHECK (stance IN ('pressure', 'dialogue', 'sanctions', 'restraint')),
            polarity TEXT NOT NULL CHECK (polarity IN ('support', 'oppose')),
            target TEXT,
            country TEXT,
            date TEXT CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            span_start INTEGER NOT NULL CHECK (span_start >= 0),
            span_end INTEGER NOT NULL CHECK (span_end >= span_start),
            text TEXT NOT NULL,
            rule TEXT NOT NULL CHECK (rule <> ''),
            confidence REAL NOT NULL DEFAULT 1.0 CHECK (confidence >= 0 AND confidence <= 1),
            decisions TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX label_by_statement ON label(statement_id);
        CREATE INDEX label_by_document ON label(document_id);
        CREATE INDEX label_by_ruleset ON label(ruleset_id);
        """

    // External content keeps one copy of the text; the triggers keep the index in step on every
    // insert, delete (including ON DELETE CASCADE from a replaced document) and update. (Migration
    // 004 replaces the insert trigger with an explicit insert, for speed.)
    private static let statementSearch = """
        CREATE VIRTUAL TABLE statement_search USING fts5(
            text, content = 'statement', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER statement_search_after_insert AFTER INSERT ON statement BEGIN
            INSERT INTO statement_search(rowid, text) VALUES (new.id, new.text);
        END;
        CREATE TRIGGER statement_search_after_delete AFTER DELETE ON statement BEGIN
            INSERT INTO statement_search(statement_search, rowid, text) VALUES ('delete', old.id, old.text);
        END;
        CREATE TRIGGER statement_search_after_update AFTER UPDATE OF text ON statement BEGIN
            INSERT INTO statement_search(statement_search, rowid, text) VALUES ('delete', old.id, old.text);
            INSERT INTO statement_search(rowid, text) VALUES (new.id, new.text);
        END;
        """

    // With an INSERT trigger every statement row became a multi-write statement, which opens a
    // statement savepoint, and FTS5 (SQLite 3.40) flushes its pending terms to a new segment at every
    // savepoint: one segment and a merge per statement, most of ingest's time. The store now inserts
    // the search row itself (`StanceDatabase.store`); the delete and update triggers stay, they only
    // fire when documents are replaced or deleted.
    private static let searchFedByTheStore = """
        DROP TRIGGER statement_search_after_insert;
        """

    // Every index with random keys costs dirty pages in every ingest transaction. Reports filter
    // target and stance inside the (country, date) covering index as cheaply as through their own;
    // doctor's outdated-rule-set check can scan; search filters after the full-text match.
    private static let fewerIndexes = """
        DROP INDEX label_by_target_date;
        DROP INDEX label_by_stance_date;
        DROP INDEX label_by_ruleset;
        DROP INDEX statement_by_country;
        DROP INDEX statement_by_date;
        """

    // SQLite (3.40) evaluates `x IN ('a', 'b', 'c')` with three or more constants by filling a temporary
    // b-tree with the constants, once per execution of the statement: every statement and label
    // inserted built two (a new page cache, pages zeroed, then freed), a third of the store's time.
    // The same checks as comparisons joined by OR cost a few instructions. A CHECK cannot be altered,
    // so statement and label are rebuilt the way https://www.sqlite.org/lang_altertable.html#otheralter
    // says (foreign keys off, copy, drop, rename, indexes and triggers again). Columns, their order,
    // ids and every constraint stay the same; actor keeps its IN check (a row per new actor only).
    private static let enumChecksWithoutTemporaryTables = """
        CREATE TABLE new_statement (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL CHECK (ordinal >= 0),
            key TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind = 'quote' OR kind = 'reported' OR kind = 'position'),
            speaker_mention TEXT,
            speaker_start INTEGER,
            speaker_end INTEGER,
            actor_id INTEGER NOT NULL REFERENCES actor(id),
            role TEXT,
            country TEXT,
            resolution TEXT NOT NULL CHECK (resolution = 'dictionary' OR resolution = 'title' OR resolution = 'surname'
                OR resolution = 'description' OR resolution = 'pronoun' OR resolution = 'group' OR resolution = 'body'
                OR resolution = 'generic' OR resolution = 'unresolved'),
            resolution_note TEXT,
            cue TEXT,
            cue_start INTEGER,
            cue_end INTEGER,
            span_start INTEGER NOT NULL CHECK (span_start >= 0),
            span_end INTEGER NOT NULL CHECK (span_end >= span_start),
            content TEXT NOT NULL DEFAULT '[]',
            text TEXT NOT NULL,
            date TEXT CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            UNIQUE (document_id, ordinal),
            CHECK ((speaker_start IS NULL) = (speaker_end IS NULL) AND ifnull(speaker_end >= speaker_start, 1)),
            CHECK ((cue_start IS NULL) = (cue_end IS NULL) AND ifnull(cue_end >= cue_start, 1))
        );
        INSERT INTO new_statement SELECT * FROM statement;
        DROP TABLE statement;
        ALTER TABLE new_statement RENAME TO statement;
        CREATE INDEX statement_by_actor ON statement(actor_id, date);
        CREATE TRIGGER statement_search_after_delete AFTER DELETE ON statement BEGIN
            INSERT INTO statement_search(statement_search, rowid, text) VALUES ('delete', old.id, old.text);
        END;
        CREATE TRIGGER statement_search_after_update AFTER UPDATE OF text ON statement BEGIN
            INSERT INTO statement_search(statement_search, rowid, text) VALUES ('delete', old.id, old.text);
            INSERT INTO statement_search(rowid, text) VALUES (new.id, new.text);
        END;

        CREATE TABLE new_label (
            id INTEGER PRIMARY KEY,
            statement_id INTEGER NOT NULL REFERENCES statement(id) ON DELETE CASCADE,
            document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
            actor_id INTEGER NOT NULL REFERENCES actor(id),
            ruleset_id INTEGER NOT NULL REFERENCES ruleset(id),
            stance TEXT NOT NULL CHECK (stance = 'pressure' OR stance = 'dialogue' OR stance = 'sanctions'
                OR stance = 'restraint'),
            polarity TEXT NOT NULL CHECK (polarity = 'support' OR polarity = 'oppose'),
            target TEXT,
            country TEXT,
            date TEXT CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
            span_start INTEGER NOT NULL CHECK (span_start >= 0),
            span_end INTEGER NOT NULL CHECK (span_end >= span_start),
            text TEXT NOT NULL,
            rule TEXT NOT NULL CHECK (rule <> ''),
            confidence REAL NOT NULL DEFAULT 1.0 CHECK (confidence >= 0 AND confidence <= 1),
            decisions TEXT NOT NULL DEFAULT '[]'
        );
        INSERT INTO new_label SELECT * FROM label;
        DROP TABLE label;
        ALTER TABLE new_label RENAME TO label;
        CREATE INDEX label_by_statement ON label(statement_id);
        CREATE INDEX label_by_document ON label(document_id);
        CREATE INDEX label_by_country_date ON label(country, date, stance, polarity, target, statement_id);
        CREATE INDEX label_by_actor_date ON label(actor_id, date, stance, polarity, target, statement_id);
        """

    // Covering indexes for the report shapes of issues 5 and 6: by country over time, by target, by
    // actor, by stance. Each ends with statement_id so "statements behind a figure" needs no lookup.
    private static let reportIndexes = """
        CREATE INDEX label_by_country_date ON label(country, date, stance, polarity, target, statement_id);
        CREATE INDEX label_by_target_date ON label(target, date, country, stance, polarity, statement_id);
        CREATE INDEX label_by_actor_date ON label(actor_id, date, stance, polarity, target, statement_id);
        CREATE INDEX label_by_stance_date ON label(stance, date, country, polarity, target, statement_id);
        """
}
