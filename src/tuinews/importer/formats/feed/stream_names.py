"""Element names as feedparser 6 sees them, and what each one does to an entry.

feedparser calls a handler by "prefix_localname": the prefix is its own short name for a
known namespace ("" for RSS and Atom), the document's prefix for an unknown one, and the
local name is lower-cased. `classify` does the same and says which kind of field the
element fills, so that the fast reader applies the same rules.
"""

from __future__ import annotations

# The namespaces feedparser knows (lower-cased URI -> its prefix); "" is the core.
KNOWN_NAMESPACES: dict[str, str] = {
    "": "",
    "http://backend.userland.com/rss": "",
    "http://blogs.law.harvard.edu/tech/rss": "",
    "http://purl.org/rss/1.0/": "",
    "http://my.netscape.com/rdf/simple/0.9/": "",
    "http://example.com/newformat#": "",
    "http://example.com/necho": "",
    "http://purl.org/echo/": "",
    "uri/of/echo/namespace#": "",
    "http://purl.org/pie/": "",
    "http://purl.org/atom/ns#": "",
    "http://www.w3.org/2005/atom": "",
    "http://purl.org/rss/1.0/modules/rss091#": "",
    "http://webns.net/mvcb/": "admin",
    "http://purl.org/rss/1.0/modules/aggregation/": "ag",
    "http://purl.org/rss/1.0/modules/annotate/": "annotate",
    "http://media.tangent.org/rss/1.0/": "audio",
    "http://backend.userland.com/blogchannelmodule": "blogChannel",
    "http://creativecommons.org/ns#license": "cc",
    "http://web.resource.org/cc/": "cc",
    "http://cyber.law.harvard.edu/rss/creativecommonsrssmodule.html": "creativeCommons",
    "http://backend.userland.com/creativecommonsrssmodule": "creativeCommons",
    "http://purl.org/rss/1.0/modules/company": "co",
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://my.theinfo.org/changed/1.0/rss/": "cp",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://purl.org/dc/terms/": "dcterms",
    "http://purl.org/rss/1.0/modules/email/": "email",
    "http://purl.org/rss/1.0/modules/event/": "ev",
    "http://rssnamespace.org/feedburner/ext/1.0": "feedburner",
    "http://freshmeat.net/rss/fm/": "fm",
    "http://xmlns.com/foaf/0.1/": "foaf",
    "http://www.w3.org/2003/01/geo/wgs84_pos#": "geo",
    "http://www.georss.org/georss": "georss",
    "http://www.opengis.net/gml": "gml",
    "http://postneo.com/icbm/": "icbm",
    "http://purl.org/rss/1.0/modules/image/": "image",
    "http://www.itunes.com/dtds/podcast-1.0.dtd": "itunes",
    "http://example.com/dtds/podcast-1.0.dtd": "itunes",
    "http://purl.org/rss/1.0/modules/link/": "l",
    "http://search.yahoo.com/mrss": "media",
    "http://search.yahoo.com/mrss/": "media",
    "http://madskills.com/public/xml/rss/module/pingback/": "pingback",
    "http://prismstandard.org/namespaces/1.2/basic/": "prism",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs",
    "http://purl.org/rss/1.0/modules/reference/": "ref",
    "http://purl.org/rss/1.0/modules/richequiv/": "reqv",
    "http://purl.org/rss/1.0/modules/search/": "search",
    "http://purl.org/rss/1.0/modules/slash/": "slash",
    "http://schemas.xmlsoap.org/soap/envelope/": "soap",
    "http://purl.org/rss/1.0/modules/servicestatus/": "ss",
    "http://hacks.benhammersley.com/rss/streaming/": "str",
    "http://purl.org/rss/1.0/modules/subscription/": "sub",
    "http://purl.org/rss/1.0/modules/syndication/": "sy",
    "http://schemas.pocketsoap.com/rss/mydescmodule/": "szf",
    "http://purl.org/rss/1.0/modules/taxonomy/": "taxo",
    "http://purl.org/rss/1.0/modules/threading/": "thr",
    "http://purl.org/rss/1.0/modules/textinput/": "ti",
    "http://madskills.com/public/xml/rss/module/trackback/": "trackback",
    "http://wellformedweb.org/commentapi/": "wfw",
    "http://purl.org/rss/1.0/modules/wiki/": "wiki",
    "http://www.w3.org/1999/xhtml": "xhtml",
    "http://www.w3.org/1999/xlink": "xlink",
    "http://www.w3.org/xml/1998/namespace": "xml",
    "http://podlove.org/simple-chapters": "psc",
}
_STANDARD_PREFIXES = frozenset(p.lower() for p in KNOWN_NAMESPACES.values() if p)

# What an element does to the entry around it (0: nothing the drafts use).
HARMLESS = 0
TITLE = 1
MEDIA_TITLE = 2
LINK = 3
GUID = 4
AUTHOR = 5
PUBLISHED = 6
UPDATED = 7
CATEGORY = 8
MEDIA_CATEGORY = 9
ITUNES_CATEGORY = 10
SUMMARY = 11
CONTENT = 12
SOURCE = 13
IMAGE = 14
TEXTINPUT = 15
ITEM = 16
CHANNEL = 17
AUTHOR_PART = 18  # name, email, uri: part of an author (elsewhere harmless)
CONTRIBUTOR = 19
REFUSED = 20  # elements whose feedparser rules the fast path does not copy
ENCLOSURE = 21  # RSS <enclosure>
MEDIA_CONTENT = 22

KINDS: dict[str, int] = {
    "title": TITLE,
    "dc_title": TITLE,
    "media_title": MEDIA_TITLE,
    "link": LINK,
    "guid": GUID,
    "id": GUID,
    "author": AUTHOR,
    "managingeditor": AUTHOR,
    "dc_author": AUTHOR,
    "dc_creator": AUTHOR,
    "itunes_author": AUTHOR,
    "published": PUBLISHED,
    "issued": PUBLISHED,
    "pubdate": PUBLISHED,
    "dcterms_issued": PUBLISHED,
    "updated": UPDATED,
    "modified": UPDATED,
    "lastbuilddate": UPDATED,
    "dc_date": UPDATED,
    "dcterms_modified": UPDATED,
    "category": CATEGORY,
    "keywords": CATEGORY,
    "dc_subject": CATEGORY,
    "media_category": MEDIA_CATEGORY,
    "itunes_category": ITUNES_CATEGORY,
    "description": SUMMARY,
    "dc_description": SUMMARY,
    "media_description": SUMMARY,
    "summary": SUMMARY,
    "itunes_summary": SUMMARY,
    "abstract": SUMMARY,
    "content": CONTENT,
    "content_encoded": CONTENT,
    "fullitem": CONTENT,
    "source": SOURCE,
    "image": IMAGE,
    "textinput": TEXTINPUT,
    "item": ITEM,
    "entry": ITEM,
    "channel": CHANNEL,
    "name": AUTHOR_PART,
    "email": AUTHOR_PART,
    "uri": AUTHOR_PART,
    "url": AUTHOR_PART,
    "homepage": AUTHOR_PART,
    "itunes_name": AUTHOR_PART,
    "itunes_email": AUTHOR_PART,
    "contributor": CONTRIBUTOR,
    "enclosure": ENCLOSURE,
    "media_content": MEDIA_CONTENT,
    "dc_contributor": CONTRIBUTOR,
    "body": REFUSED,
    "xhtml_body": REFUSED,
    "tags": REFUSED,
    "media_keywords": REFUSED,
    "itunes_keywords": REFUSED,
    "itunes_owner": REFUSED,
    "feed": REFUSED,
    "rss": REFUSED,
    "rdf_rdf": REFUSED,
}
# Kinds that change an entry when they appear deeper than its own children.
RELEVANT = frozenset(set(range(TITLE, MEDIA_CONTENT + 1)) - {AUTHOR_PART, CONTRIBUTOR})
INSIDE_SOURCE_REFUSED = frozenset({SUMMARY, CONTENT, SOURCE, IMAGE, TEXTINPUT, ITEM, CHANNEL})
INSIDE_SOURCE_REFUSED |= {REFUSED, ENCLOSURE, MEDIA_CONTENT}


def feedparser_key(tag: str, prefix: str | None, bound: dict[str, str]) -> str | None:
    """feedparser's handler name for an element ("dc_creator"); None when it is ambiguous.

    `bound` maps the document's prefixes for known namespaces to feedparser's prefixes.
    """
    if tag[0] == "{":
        uri, local = tag[1:].split("}", 1)
    else:
        uri, local = "", tag
    lower = uri.lower()
    if "backend.userland.com/rss" in lower:
        lower = "http://backend.userland.com/rss"
    local = local.lower()
    known = KNOWN_NAMESPACES.get(lower)
    if known is None:
        if not prefix:
            return local  # an unknown default namespace: feedparser reads it as RSS
        given = prefix.lower()
        if given in _STANDARD_PREFIXES or any(p.lower() == given for p in bound):
            return None
        return f"{given}_{local}"
    return f"{known.lower()}_{local}" if known else local


def classify(tag: str, prefix: str | None, bound: dict[str, str]) -> int:
    """The kind of an element (see KINDS), or -1 when the fast path must not guess."""
    key = feedparser_key(tag, prefix, bound)
    if key is None:
        return -1
    return KINDS.get(key, HARMLESS)
