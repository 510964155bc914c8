"""The store's schema as numbered migrations: each entry of MIGRATIONS is one version.

To change the schema, append a migration (a SQL script, or a function of a sqlite-utils
Database) to MIGRATIONS; never edit a released one. schema.migrate() applies them, each
in its own transaction; schema.py also holds the checks made before a file is touched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

_V1 = """
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

_V2 = """
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
_V3 = """
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
_V4 = """
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
_V5 = """
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
_V6 = """
        UPDATE articles SET dedupe_key = char(1) || 'guid:' || (
            SELECT length(s.location) || ':' || s.location || ':' FROM sources s
            WHERE s.id = articles.source_id
        ) || substr(dedupe_key, 6)
        WHERE substr(dedupe_key, 1, 5) = 'guid:';
        UPDATE articles SET dedupe_key = substr(dedupe_key, 2)
        WHERE substr(dedupe_key, 1, 1) = char(1);
"""

# v7: searches saved as views. Their matches are kept in saved_matches, with a copy of
# each article's sort key and read mark (kept in step by triggers) so that a saved view
# pages, counts and finds its next unread article in its own index, as a category does.
# `checked_id`: the articles up to this id have been matched (saved.sync_saved_views).
_V7 = """
        CREATE TABLE saved_views (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            query TEXT NOT NULL,
            checked_id INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE saved_matches (
            view_id INTEGER NOT NULL REFERENCES saved_views(id) ON DELETE CASCADE,
            article_id INTEGER NOT NULL,
            matched_at TEXT NOT NULL,
            is_read INTEGER NOT NULL,
            PRIMARY KEY (view_id, article_id)
        ) WITHOUT ROWID;
        CREATE INDEX saved_matches_by_date
            ON saved_matches(view_id, matched_at DESC, article_id DESC);
        CREATE INDEX saved_matches_by_read
            ON saved_matches(view_id, is_read, matched_at DESC, article_id DESC);
        CREATE INDEX saved_matches_by_article ON saved_matches(article_id);
        CREATE TRIGGER saved_matches_follow AFTER UPDATE OF read, sort_at ON articles
        WHEN old.read IS NOT new.read OR old.sort_at IS NOT new.sort_at BEGIN
            UPDATE saved_matches SET is_read = new.read, matched_at = new.sort_at
            WHERE article_id = new.id;
        END;
        CREATE TRIGGER saved_matches_forget AFTER DELETE ON articles BEGIN
            DELETE FROM saved_matches WHERE article_id = old.id;
        END;
"""

# v8: each saved view's counts kept by triggers on saved_matches, as category_counts are
# for categories, so that the sidebar and a view's title read them instead of counting.
_V8 = """
        ALTER TABLE saved_views ADD COLUMN total INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE saved_views ADD COLUMN unread INTEGER NOT NULL DEFAULT 0;
        UPDATE saved_views SET
            total = (SELECT count(*) FROM saved_matches m WHERE m.view_id = saved_views.id),
            unread = (SELECT count(*) FROM saved_matches m
                      WHERE m.view_id = saved_views.id AND m.is_read = 0);
        CREATE TRIGGER saved_counts_insert AFTER INSERT ON saved_matches BEGIN
            UPDATE saved_views SET total = total + 1, unread = unread + (new.is_read = 0)
            WHERE id = new.view_id;
        END;
        CREATE TRIGGER saved_counts_delete AFTER DELETE ON saved_matches BEGIN
            UPDATE saved_views SET total = total - 1, unread = unread - (old.is_read = 0)
            WHERE id = old.view_id;
        END;
        CREATE TRIGGER saved_counts_read AFTER UPDATE OF is_read ON saved_matches
        WHEN old.is_read IS NOT new.is_read BEGIN
            UPDATE saved_views SET unread = unread + (new.is_read = 0) - (old.is_read = 0)
            WHERE id = new.view_id;
        END;
"""

# v9: filters (a killfile). `filters` is the config's list as last applied, with how far
# each has looked (`checked_id`); `filter_hits` what each caught, with what undoing it
# needs: the read mark it had, or a hidden article's whole row (JSON).
_V9 = """
        CREATE TABLE filters (
            name TEXT PRIMARY KEY,
            query TEXT NOT NULL,
            action TEXT NOT NULL,
            checked_id INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE filter_hits (
            filter TEXT NOT NULL,
            article_key TEXT NOT NULL,
            action TEXT NOT NULL,
            caught_at TEXT NOT NULL,
            was_read INTEGER NOT NULL,
            article TEXT,
            PRIMARY KEY (filter, article_key)
        ) WITHOUT ROWID;
"""

# v10: enclosures (podcast audio, video, files), in feed order; they go with their article.
_V10 = """
        CREATE TABLE enclosures (
            article_id INTEGER NOT NULL,
            position INTEGER NOT NULL,
            url TEXT NOT NULL,
            type TEXT,
            length INTEGER,
            PRIMARY KEY (article_id, position)
        ) WITHOUT ROWID;
        CREATE TRIGGER enclosures_forget AFTER DELETE ON articles BEGIN
            DELETE FROM enclosures WHERE article_id = old.id;
        END;
"""

# v11: feeds in the sidebar, and the list's sort orders. `feed_counts` holds, per source and
# category, how many articles there are and how many unread, kept by triggers as
# category_counts is, so that every feed's counts under its categories cost O(feeds).
# A feed view reads (source_id, category) in list order; `read` rides along at the end of
# the sort indexes so that an unread-only list filters in the index, not the table. Title
# and source orders of the whole store and of a category have their own indexes; smaller
# views (a feed, starred, today) sort their own rows.
_V11 = """
        CREATE TABLE feed_counts (
            source_id INTEGER NOT NULL,
            category TEXT NOT NULL,
            total INTEGER NOT NULL,
            unread INTEGER NOT NULL,
            PRIMARY KEY (source_id, category)
        ) WITHOUT ROWID;
        INSERT INTO feed_counts(source_id, category, total, unread)
            SELECT source_id, category, count(*), sum(read = 0) FROM articles
            GROUP BY source_id, category;
        CREATE TRIGGER feed_counts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO feed_counts(source_id, category, total, unread)
            VALUES (new.source_id, new.category, 1, new.read = 0)
            ON CONFLICT(source_id, category) DO UPDATE SET
                total = total + 1, unread = unread + excluded.unread;
        END;
        CREATE TRIGGER feed_counts_delete AFTER DELETE ON articles BEGIN
            UPDATE feed_counts SET total = total - 1, unread = unread - (old.read = 0)
            WHERE source_id = old.source_id AND category = old.category;
            DELETE FROM feed_counts
            WHERE source_id = old.source_id AND category = old.category AND total <= 0;
        END;
        CREATE TRIGGER feed_counts_mark AFTER UPDATE OF read, category, source_id ON articles
        WHEN old.category IS new.category AND old.source_id IS new.source_id
            AND old.read IS NOT new.read BEGIN
            UPDATE feed_counts SET unread = unread + (new.read = 0) - (old.read = 0)
            WHERE source_id = new.source_id AND category = new.category;
        END;
        CREATE TRIGGER feed_counts_move AFTER UPDATE OF read, category, source_id ON articles
        WHEN old.category IS NOT new.category OR old.source_id IS NOT new.source_id BEGIN
            UPDATE feed_counts SET total = total - 1, unread = unread - (old.read = 0)
            WHERE source_id = old.source_id AND category = old.category;
            DELETE FROM feed_counts
            WHERE source_id = old.source_id AND category = old.category AND total <= 0;
            INSERT INTO feed_counts(source_id, category, total, unread)
            VALUES (new.source_id, new.category, 1, new.read = 0)
            ON CONFLICT(source_id, category) DO UPDATE SET
                total = total + 1, unread = unread + excluded.unread;
        END;

        DROP INDEX articles_by_source;
        CREATE INDEX articles_by_feed ON articles(source_id, category, sort_at DESC, id DESC, read);
        CREATE INDEX articles_by_title
            ON articles(title COLLATE NOCASE, sort_at DESC, id DESC, read);
        CREATE INDEX articles_by_source_name
            ON articles(source COLLATE NOCASE, sort_at DESC, id DESC, read);
        CREATE INDEX articles_category_by_title
            ON articles(category, title COLLATE NOCASE, sort_at DESC, id DESC, read);
        CREATE INDEX articles_category_by_source
            ON articles(category, source COLLATE NOCASE, sort_at DESC, id DESC, read);
"""

# v12: sort orders in the views that had to sort their rows. The starred articles by title
# and by source get small partial indexes (sorting them looked up every starred article's
# row: 17 ms at 100k). A saved view's matches keep a copy of the article's title and source
# (as they keep its sort key and read mark), in indexes of their own, so that a saved view
# lists by title or source in its own index too. A match inserted without them (a filter's
# undo puts matches back) gets them from its article.
_V12 = """
        CREATE INDEX articles_starred_by_title
            ON articles(title COLLATE NOCASE, sort_at DESC, id DESC, read) WHERE starred = 1;
        CREATE INDEX articles_starred_by_source
            ON articles(source COLLATE NOCASE, sort_at DESC, id DESC, read) WHERE starred = 1;

        ALTER TABLE saved_matches ADD COLUMN match_title TEXT NOT NULL DEFAULT '';
        ALTER TABLE saved_matches ADD COLUMN match_source TEXT NOT NULL DEFAULT '';
        UPDATE saved_matches SET
            match_title = coalesce((SELECT title FROM articles WHERE id = article_id), ''),
            match_source = coalesce((SELECT source FROM articles WHERE id = article_id), '');
        CREATE INDEX saved_matches_by_title ON saved_matches(
            view_id, match_title COLLATE NOCASE, matched_at DESC, article_id DESC, is_read);
        CREATE INDEX saved_matches_by_source ON saved_matches(
            view_id, match_source COLLATE NOCASE, matched_at DESC, article_id DESC, is_read);
        CREATE TRIGGER saved_matches_fill AFTER INSERT ON saved_matches
        WHEN new.match_title = '' AND new.match_source = '' BEGIN
            UPDATE saved_matches SET
                match_title = coalesce((SELECT title FROM articles WHERE id = new.article_id), ''),
                match_source = coalesce(
                    (SELECT source FROM articles WHERE id = new.article_id), '')
            WHERE view_id = new.view_id AND article_id = new.article_id;
        END;
        DROP TRIGGER saved_matches_follow;
        CREATE TRIGGER saved_matches_follow AFTER UPDATE OF read, sort_at, title, source
        ON articles
        WHEN old.read IS NOT new.read OR old.sort_at IS NOT new.sort_at
            OR old.title IS NOT new.title OR old.source IS NOT new.source BEGIN
            UPDATE saved_matches SET is_read = new.read, matched_at = new.sort_at,
                match_title = new.title, match_source = new.source
            WHERE article_id = new.id;
        END;
"""

# One schema version: a SQL script, or a function that changes the schema through
# sqlite-utils (`db[table].transform(...)`, `create_index`, `enable_fts`...).
Migration = str | Callable[["sqlite_utils.Database"], None]

# Each entry is one schema version; never edit a released one, append a new one.
MIGRATIONS: list[Migration] = [_V1, _V2, _V3, _V4, _V5, _V6, _V7, _V8, _V9, _V10, _V11, _V12]
