"""Schema versions 1 to 6: articles and their search index, feeds and their refresh,
counts kept by triggers, guids scoped to their feed. Released: never edit, append in
migrations_daily.py (or a module after it) and list the new version in migrations.py."""

V1 = """
        CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            location TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            imported_at TEXT NOT NULL
        );
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            dedupe_key TEXT NOT NULL UNIQUE,
            source_id INTEGER NOT NULL REFERENCES sources(id),
            source TEXT NOT NULL,
            url TEXT,
            title TEXT NOT NULL,
            author TEXT,
            published TEXT,
            category TEXT NOT NULL,
            summary TEXT,
            body TEXT NOT NULL,
            word_count INTEGER NOT NULL,
            read INTEGER NOT NULL DEFAULT 0,
            starred INTEGER NOT NULL DEFAULT 0,
            imported_at TEXT NOT NULL,
            sort_at TEXT NOT NULL,
            content_hash TEXT NOT NULL
        );
        CREATE INDEX articles_by_date ON articles(sort_at DESC, id DESC);
        CREATE INDEX articles_by_category ON articles(category, sort_at DESC, id DESC);
        CREATE INDEX articles_by_read ON articles(read, sort_at DESC, id DESC);
        CREATE INDEX articles_starred ON articles(sort_at DESC, id DESC) WHERE starred = 1;
        CREATE INDEX articles_category_read ON articles(category, read);
        CREATE INDEX articles_by_source ON articles(source_id);

        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, author, summary, body,
            content='articles', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, author, summary, body)
            VALUES (new.id, new.title, new.author, new.summary, new.body);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, author, summary, body)
            VALUES ('delete', old.id, old.title, old.author, old.summary, old.body);
        END;
        -- Only text changes touch the index: marking read or starred must stay cheap.
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, author, summary, body
        ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, author, summary, body)
            VALUES ('delete', old.id, old.title, old.author, old.summary, old.body);
            INSERT INTO articles_fts(rowid, title, author, summary, body)
            VALUES (new.id, new.title, new.author, new.summary, new.body);
        END;

        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

V2 = """
        CREATE TABLE subscriptions (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            title TEXT,
            category TEXT,
            etag TEXT,
            last_modified TEXT,
            last_fetched TEXT,
            last_error TEXT,
            added_at TEXT NOT NULL
        );
"""

# v3: feed refresh. `permanent_url` remembers where a 301/308 led (the next refresh asks
# there directly); `last_status` is the last HTTP status. `retired_articles` holds the
# dedupe keys of articles that retention deleted, so that a feed still listing them does
# not bring them back as new.
V3 = """
        ALTER TABLE subscriptions ADD COLUMN permanent_url TEXT;
        ALTER TABLE subscriptions ADD COLUMN last_status INTEGER;
        CREATE TABLE retired_articles (
            dedupe_key TEXT PRIMARY KEY,
            retired_at TEXT NOT NULL
        );
"""

# v4: counts without scans. `category_counts` holds, per category, how many articles there
# are, how many unread, starred, and starred-and-unread; triggers keep it in step with every
# insert, delete and change of read, starred or category, so the sidebar's counts cost
# O(categories) instead of a pass over every article. A row goes when its category empties.
# The (category, read) index served only the old GROUP BY; partial indexes of the unread
# articles per category and of the starred unread ones, in list order, serve next-unread
# and mark-all-read instead.
V4 = """
        CREATE TABLE category_counts (
            category TEXT PRIMARY KEY,
            total INTEGER NOT NULL,
            unread INTEGER NOT NULL,
            starred INTEGER NOT NULL,
            starred_unread INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO category_counts(category, total, unread, starred, starred_unread)
            SELECT category, count(*), sum(read = 0), sum(starred = 1),
                   sum(starred = 1 AND read = 0)
            FROM articles GROUP BY category;

        CREATE TRIGGER category_counts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO category_counts(category, total, unread, starred, starred_unread)
            VALUES (new.category, 1, new.read = 0, new.starred = 1,
                    new.starred = 1 AND new.read = 0)
            ON CONFLICT(category) DO UPDATE SET
                total = total + 1,
                unread = unread + excluded.unread,
                starred = starred + excluded.starred,
                starred_unread = starred_unread + excluded.starred_unread;
        END;
        CREATE TRIGGER category_counts_delete AFTER DELETE ON articles BEGIN
            UPDATE category_counts SET
                total = total - 1,
                unread = unread - (old.read = 0),
                starred = starred - (old.starred = 1),
                starred_unread = starred_unread - (old.starred = 1 AND old.read = 0)
            WHERE category = old.category;
            DELETE FROM category_counts WHERE category = old.category AND total <= 0;
        END;
        -- A mark in place: one UPDATE of the category's row (the common, cheap case).
        CREATE TRIGGER category_counts_mark AFTER UPDATE OF read, starred, category ON articles
        WHEN old.category IS new.category
            AND (old.read IS NOT new.read OR old.starred IS NOT new.starred) BEGIN
            UPDATE category_counts SET
                unread = unread + (new.read = 0) - (old.read = 0),
                starred = starred + (new.starred = 1) - (old.starred = 1),
                starred_unread = starred_unread + (new.starred = 1 AND new.read = 0)
                    - (old.starred = 1 AND old.read = 0)
            WHERE category = new.category;
        END;
        -- An article that changed category leaves one row and joins (or creates) another.
        CREATE TRIGGER category_counts_move AFTER UPDATE OF read, starred, category ON articles
        WHEN old.category IS NOT new.category BEGIN
            UPDATE category_counts SET
                total = total - 1,
                unread = unread - (old.read = 0),
                starred = starred - (old.starred = 1),
                starred_unread = starred_unread - (old.starred = 1 AND old.read = 0)
            WHERE category = old.category;
            DELETE FROM category_counts WHERE category = old.category AND total <= 0;
            INSERT INTO category_counts(category, total, unread, starred, starred_unread)
            VALUES (new.category, 1, new.read = 0, new.starred = 1,
                    new.starred = 1 AND new.read = 0)
            ON CONFLICT(category) DO UPDATE SET
                total = total + 1,
                unread = unread + excluded.unread,
                starred = starred + excluded.starred,
                starred_unread = starred_unread + excluded.starred_unread;
        END;

        DROP INDEX articles_category_read;
        CREATE INDEX articles_unread_by_category ON articles(category, sort_at DESC, id DESC)
            WHERE read = 0;
        CREATE INDEX articles_starred_unread ON articles(sort_at DESC, id DESC)
            WHERE starred = 1 AND read = 0;
"""

# Search matches words by their stem (porter): "satellite" finds "satellites" without a
# prefix query, which FTS5 answers by merging every matching term's list in full.
V5 = """
        DROP TABLE articles_fts;
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, author, summary, body,
            content='articles', content_rowid='id',
            tokenize='porter unicode61 remove_diacritics 2'
        );
        INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
"""

# v6: a guid names an article within its feed (importer/guids.py): "guid:G" becomes
# "guid:<length of the source's location>:<location>:G". In two steps, so that no row
# takes a key an older row still holds while the UPDATE runs (keys never hold \x01).
# Marks, stars and ids stay as they were; retired keys keep the bare guid, and refresh
# checks both forms.
V6 = """
        UPDATE articles SET dedupe_key = char(1) || 'guid:' || (
            SELECT length(s.location) || ':' || s.location || ':' FROM sources s
            WHERE s.id = articles.source_id
        ) || substr(dedupe_key, 6)
        WHERE substr(dedupe_key, 1, 5) = 'guid:';
        UPDATE articles SET dedupe_key = substr(dedupe_key, 2)
        WHERE substr(dedupe_key, 1, 1) = char(1);
"""
