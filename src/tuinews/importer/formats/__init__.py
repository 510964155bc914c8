"""One parser per source format; `importer.sniff` tells the format and picks the parser."""
