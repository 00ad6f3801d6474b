-- Cloud answered 401 for an active install: its key was revoked (for example the app
-- was uninstalled while this server missed the event). The install stays active for
-- Cloud's lifecycle; the SPA shows "reinstall" while this is set (decision 009).
-- A new install event (a new key) clears it; so does the next call Cloud accepts.
ALTER TABLE installs ADD COLUMN key_rejected_at TEXT;
