-- The latest created_at and responded_at of the mentions (every month asked for): the
-- reference time of responsiveness when none is given.
SELECT MAX(created_at) AS created_at, MAX(responded_at) AS responded_at
FROM mentions
