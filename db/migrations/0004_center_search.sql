-- Full-text search over the centres (docs/DESIGN.md §6, issue "Centres and services directory"). The text is normalized in
-- TypeScript (app/domain/search.ts) before it is indexed or queried, so the tokenizer only splits words; rowid is the
-- centre id. Kept up to date by app/models/center-search.server.ts whenever centres or their services change.
CREATE VIRTUAL TABLE `center_search` USING fts5(`body`, tokenize = 'unicode61 remove_diacritics 2');
