"""Schema versions 7 to 12, the daily tools: saved views, filters, enclosures, feeds in
the sidebar and the list's sort orders. Released: never edit; a new version is appended
(here while this module stays small) and listed in migrations.py."""

# v7: searches saved as views. Their matches are kept in saved_matches, with a copy of
# each article's sort key and read mark (kept in step by triggers) so that a saved view
# pages, counts and finds its next unread article in its own index, as a category does.
# `checked_id`: the articles up to this id have been matched (saved.sync_saved_views).
V7 = """
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
V8 = """
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
V9 = """
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
V10 = """
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
V11 = """
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
V12 = """
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

# v13: the guid scope a source shares with an earlier source of the same feed (its file and
# its URL: store/guid_scope.py). NULL, as every source of an older store gets, is its own
# location: the keys already stored stay as they are.
V13 = """
        ALTER TABLE sources ADD COLUMN guid_scope TEXT;
"""

# v14: a new source looks for earlier sources of its feed by name (guid_scope.py): an index,
# so that each new feed of an import does not read every source (1,000 feed files read a
# million rows).
V14 = """
        CREATE INDEX sources_by_name ON sources(name, kind);
"""
