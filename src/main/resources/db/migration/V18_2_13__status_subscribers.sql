-- Versioned 18.2.13 (issue 13, subscribers): after V18_1_13, which installations may have run already.
-- Status-page subscribers who followed the unsubscribe link: never emailed again. The address is
-- stored lower-case; lists names the lists it was on when it left (for the operator, never shown).
CREATE TABLE fb_status_unsubscribed (
  address VARCHAR(320) PRIMARY KEY,
  lists VARCHAR(2000) NOT NULL,
  unsubscribed_at TIMESTAMP NOT NULL
);

-- The key that signs unsubscribe links when firebreak.status-page.unsubscribe-secret is unset:
-- generated once by the first node, so links stay valid across restarts and on every node.
CREATE TABLE fb_status_secret (
  name VARCHAR(50) PRIMARY KEY,
  secret VARCHAR(100) NOT NULL,
  created_at TIMESTAMP NOT NULL
);
