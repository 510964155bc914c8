"""The words of a news page's chrome: menus, share bars, ads, list headers, footers, sections.

Lines are compared lower-cased, with spaces collapsed and edge punctuation stripped.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(item.strip() for item in text.split(";") if item.strip())


# Lines that are page furniture wherever they stand: dropped, never body, never a title.
JUNK = _words("""
home; homepage; news; menu; main menu; search; search news; subscribe; subscribe now;
subscribers only; sign in; sign up; sign out; log in; login; log out; register; my account;
account; profile; settings; edition; select edition; more; close; open; open menu;
skip to content; skip to main content; skip to navigation; jump to; sections; all sections;
navigation; live; live tv; watch live; video; videos; watch; audio; podcast; podcasts; listen;
listen now; listen to this article; listen to article; newsletters; newsletter; e-paper;
epaper; today's paper; games; crossword; weather; advertisement; advertisements; advert; ad;
ads; ad feedback; sponsored; sponsored content; paid content; paid post; promoted;
partner content; scroll to continue; scroll to continue with content; continue reading;
story continues below; story continues below advertisement; article continues below;
article continues below advertisement; content continues below; continue reading below;
share; shares; share this; share article; share this article; share this story; share via;
share on facebook; share on twitter; share on x; share on whatsapp; share on linkedin;
facebook; twitter; tweet; x; x (twitter); whatsapp; linkedin; reddit; telegram; pinterest;
messenger; threads; bluesky; instagram; youtube; tiktok; email; e-mail; mail; print; copy;
copy link; copy url; link copied; copied; short url; shorturl; short link; save; saved;
save article; bookmark; gift article; gift this article; comment; reply; like; follow;
following; unfollow; image; images; photo; photos; gallery; view gallery; open gallery;
enlarge; expand; zoom; fullscreen; play; pause; play video; watch video; getty images; afp;
reuters; ap; cookie settings; accept; accept all; accept cookies; reject; reject all;
manage preferences; manage cookies; got it; ok; okay; i agree; agree; dismiss; no thanks;
back to top; top; next; previous; prev; next article; previous article; next story;
load more; show more; see more; view more; view all; see all; read more; read full article;
read full story; click here; learn more; download the app; get the app; open in app;
breaking; breaking news; just in; exclusive; premium; explainer; listen to this story;
anzeige; werbung; publicité; publicidad; pubblicità; advertentie; reklama; teilen; partager;
compartir; condividi; delen; drucken; imprimer; imprimir; stampa;
english; language; dark mode; light mode; font size; text size; key points; highlights;
story highlights; in brief; at a glance; summary; in short; tl;dr; also read; read also;
see also; must read; don't miss; more on this; more info; sponsored links; email address;
enter your email; your email; submit; go; loading; please wait; translate; update; updated;
published; feedback; report an error; send us a tip; support us; donate; contribute
""")

# Bare lines that announce an inline link card: the next short line is the linked headline.
CARD = _words("also read; read also; see also; must read; don't miss; read more; more on this")

# Headers of what follows an article: related lists, tags, comments, footers. A body ends here.
END = _words("""
trending; trending now; trending news; trending stories; trending today; trending topics;
most read; most popular; most viewed; most shared; most commented; most watched; popular;
popular now; popular stories; popular articles; you might also like; you may also like;
you might like; you may like; you might be interested in; you may be interested in; related;
related articles; related stories; related news; related content; related posts;
related reading; related coverage; related topics; related links; more stories; more news;
more articles; more from this section; more on this story; more on this topic; more to read;
more to explore; explore more; read next; what to read next; up next; recommended;
recommended for you; recommended stories; recommended articles; recommended reading;
editor's picks; editors' picks; editors picks; top stories; latest news; latest stories;
latest articles; latest headlines; latest; in other news; elsewhere; around the web;
from the web; from our partners; sponsored stories; promoted stories; tags; topics;
filed under; comments; leave a comment; leave a reply; post a comment; add a comment;
join the conversation; join the discussion; show comments; view comments; load comments;
comments are closed; about the author; about the authors; author bio; about us; contact;
contact us; privacy; privacy policy; privacy notice; terms; terms of use; terms of service;
terms and conditions; cookie policy; cookies policy; accessibility; sitemap; site map;
careers; advertise; advertise with us; all rights reserved; quick links; useful links;
connect with us; follow us on; download our app; faq; corrections;
mehr zum thema; lesen sie auch; das könnte sie auch interessieren; ähnliche artikel; kommentare;
impressum; datenschutz; à lire aussi; lire aussi; sur le même sujet; voir aussi; commentaires;
réagir; mentions légales; leia também; leia mais; veja também; comentários; lee también;
te puede interesar; más información; noticias relacionadas; comentarios; leggi anche; commenti;
potrebbe interessarti; lees ook; reacties; přečtěte si také; komentáře; czytaj też; komentarze
""")

# Section names that may stand above a headline as its category label, in English, German,
# French, Spanish, Italian, Portuguese and Dutch.
SECTIONS = _words("""
world; world news; business; business news; technology; tech; tech news; science;
science & tech; science and technology; health; health news; wellness; politics; sport;
sports; entertainment; culture; arts; arts & culture; opinion; economy; markets; finance;
money; personal finance; travel; lifestyle; life; style; food; environment; climate;
climate & environment; education; national; local; us; us news; uk; uk news; europe; asia;
africa; americas; middle east; australia; latin america; news;
analysis; features; feature; books; music; film; movies; tv; television; gaming; games;
autos; cars; real estate; property; crime; law; media; security; space; energy; ai;
artificial intelligence; innovation; startups; fitness; obituaries; commentary; editorial;
investigations; nation; region; regional; city; metro; society; global; international;
science news; research; medicine; mental health; data; cybersecurity; gadgets; reviews;
work; careers; markets & economy; weather;
politik; wirtschaft; kultur; wissenschaft; gesellschaft; panorama; meinung; ausland; inland;
reise; gesundheit; feuilleton; lokales; karriere; netzwelt;
politique; économie; société; monde; sciences; santé; idées; planète; médias; faits divers;
éducation; environnement;
política; economía; cultura; deportes; sociedad; internacional; mundo; ciencia; salud;
opinión; tecnología; gente;
politica; economia; cronaca; esteri; scienza; salute; spettacoli; tecnologia; opinioni;
esporte; esportes; ciência; saúde; opinião; cotidiano; mercado;
politiek; economie; cultuur; binnenland; buitenland; wetenschap; gezondheid; opinie
""")

# One-line link teasers between paragraphs: "Read more: <headline>", "RELATED: <headline>".
TEASER = re.compile(
    r"^(?:read more|also read|read also|see also|more|related|related story|recommended|watch|"
    r"listen|must read|don't miss|read next|up next|more on this|click here|read|our standards)"
    r" ?[:|»›>–—-] ?\S"
    r"|^(?:previous|next) (?:post|article|story|entry) ?: ?\S|^(?:此分類)?[上下]一篇 ?[:：]",
    re.I,
)
JUNK_PATTERNS = re.compile(
    r"^(?:follow|share|advertisement|sponsored|click here|tap here|sign up|subscribe|log in|"
    r"sign in|get the app|our standards|image \d|photo \d|slide \d|listen \(?\d|watch \(?\d"
    r"|jump to|skip to)\b",
    re.I,
)
COUNTS = re.compile(
    r"^\(?\d[\d,.]*k?\)? ?(?:comments?|shares?|views?|reactions?|likes?|replies)$|^\d+ ?/ ?\d+$",
    re.I,
)
# "There are 13 comments", "Read 2 replies": a short line that counts the comments below.
COMMENT_COUNT = re.compile(
    r"\b(?:\d+|no|one|two|three) (?:comments?|responses?|replies)\b|\bcomments? \(\d+\)", re.I
)
END_PATTERNS = re.compile(
    r"^this page was last (?:edited|modified|updated)\b"
    r"|^(?:\d+|one|two|three) (?:thoughts?|responses?|repl(?:y|ies)|comments?) (?:on|to)\b"
    r"|^(?:©|\(c\)|copyright\b)|^(?:tags?|topics?|keywords|labels|filed under|categories) ?:"
    r"|^more (?:from|in|on|about|stories from|news from) |^(?:about|more about) the author"
    r"|^comments? \(\d+\)$|^\d+ comments?$",
    re.I,
)
# An image's file name, shown where the image did not load: "IMG_4113.jpg".
FILE_NAME = re.compile(r"^\S{1,60}\.(?:jpe?g|png|gif|webp|svg|bmp|tiff?)$", re.I)
# A price ticker: a signed percentage, or a short line made mostly of figures.
TICKER = re.compile(r"[+\-−▲▼△▽] ?\d+(?:[.,]\d+)? ?%")
# A sentence with one of these words that speaks to the reader ("you", "our") is a box's text.
CHROME_WORDS = re.compile(
    "newsletter|inbox|cookie|subscri|sign up|sign-up|privacy policy|terms of use|terms of service"
    "|notifications|push alerts|our app|ad blocker|adblock|javascript"
)  # one search, not fifteen: every line of a page is tried
SECOND_PERSON = re.compile(r"\b(?:you|your|we|our|us|here)\b", re.I)
