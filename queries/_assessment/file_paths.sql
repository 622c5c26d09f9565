-- The path of every file the bundle holds, even an empty one: an inspect list file of a kind
-- (.../<group>/<resource>.yaml or a folder .../<group>/<resource>/) means that kind was
-- collected, so "none found" means none exist.
select path from files
