package sabre.apps.serve;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Browser sessions kept in memory, at most {@code capacity} (the least recently used is dropped): each has a random
 * id (the cookie), a random CSRF token that every form carries and every POST must echo, the quiz score, and the
 * last few recognition results (so feedback refers to a result the server produced, not to data the browser sends).
 * Ids and tokens are 128-bit values from {@link SecureRandom}: they must not be guessable, so they are the one
 * random choice here that has no seed.
 *
 * <pre>{@code Sessions.Session s = sessions.find(cookie).orElseGet(sessions::create);}</pre>
 */
public final class Sessions {
    /** Recognition results kept per session. */
    public static final int RECENT = 5;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byId;
    private long created;

    /** One browser's state. Methods synchronise on the session. */
    public static final class Session {
        private final String id;
        private final String csrf;
        private final long number;
        private final Map<String, Recognizer.Result> recent = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Recognizer.Result> eldest) {
                return size() > RECENT;
            }
        };
        private final Quiz.Score score = new Quiz.Score();

        Session(String id, String csrf, long number) {
            this.id = id;
            this.csrf = csrf;
            this.number = number;
        }

        public String id() {
            return id;
        }

        public String csrf() {
            return csrf;
        }

        /** The how-many-th session this is (0-based): it seeds the session's quiz questions. */
        public long number() {
            return number;
        }

        public Quiz.Score score() {
            return score;
        }

        public synchronized void remember(String resultId, Recognizer.Result result) {
            recent.put(resultId, result);
        }

        public synchronized Recognizer.Result recall(String resultId) {
            return recent.get(resultId);
        }
    }

    public Sessions(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("sessions: capacity must be positive, found " + capacity);
        }
        byId = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The session with cookie value {@code id}, or null. */
    public synchronized Session find(String id) {
        return id == null ? null : byId.get(id);
    }

    /** A new session. */
    public synchronized Session create() {
        Session s = new Session(token(), token(), created++);
        byId.put(s.id(), s);
        return s;
    }

    /** A fresh random token (URL-safe, 22 characters). */
    public synchronized String token() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
