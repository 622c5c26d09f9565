-- The RHOAI lifecycle (queries/_reference/lifecycle.yaml): per minor version and release type,
-- the end of support (null when unknown) and the Subscription channels of that release type.
select version, release_type, nullif(support_ends, '') as support_ends, channels
from ref_lifecycle
