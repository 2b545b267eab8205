package dev.ratchet.planner.session.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.core.session.RepoLocation;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.SessionStatus;
import dev.ratchet.planner.session.store.SessionStore;
import dev.ratchet.runtime.rest.ProblemException;
import dev.ratchet.runtime.rest.QueryParams;

/**
 * The sessions list: most recent first, filtered by team, status and repository, a page at a time. The cursor is the
 * last session id of the page before. A filtered page reads at most {@link #MAX_SCANNED} sessions, so a filter that
 * matches nothing costs a bounded number of reads: the page then comes back short, with a cursor to go on from.
 */
@ApplicationScoped
public class SessionPages {

    /** One page reads at most 2,000 session hashes (about 2 ms each locally): a few seconds at worst. */
    static final int MAX_SCANNED = 2000;
    static final int MAX_LIMIT = 500;

    /** A page of sessions; {@code nextCursor} is null on the last page. */
    public record Page(List<SessionSummary> items, String nextCursor) {
    }

    private final SessionStore store;

    SessionPages(SessionStore store) {
        this.store = store;
    }

    /**
     * @param team only this team's sessions; null for every team's (an admin's list)
     * @throws ProblemException (400) naming {@code status}, {@code repo}, {@code cursor} or {@code limit}
     */
    public Page page(String status, String repo, String cursor, String limit, String team) {
        int max = QueryParams.intParam("limit", limit, 20, 1, MAX_LIMIT);
        SessionStatus wanted = status == null || status.isEmpty() ? null : status(status);
        String where = repo == null || repo.isEmpty() ? null : RepoLocation.parse(repo).map(Path::toString)
                .orElseThrow(() -> ProblemException.invalidParameter("repo", "must be a local path or file:// URL"));
        String after = null;
        if (cursor != null && !cursor.isEmpty()) {
            SessionLookup.checkId("cursor", cursor);
            after = cursor;
        }
        List<SessionSummary> items = new ArrayList<>();
        String last = after;
        int scanned = 0;
        boolean more = true;
        while (items.size() < max && more && scanned < MAX_SCANNED) {
            int batch = wanted == null && where == null && team == null ? max - items.size()
                    : Math.min(MAX_LIMIT, MAX_SCANNED - scanned);
            List<String> ids = store.idsAfter(last, batch).orElseThrow(() -> ProblemException.invalidParameter(
                    "cursor", "names a session that is no longer listed; start again without a cursor"));
            more = ids.size() == batch;
            for (String id : ids) {
                scanned++;
                last = id;
                store.findOwned(id).filter(o -> team == null || team.equals(o.team())).map(SessionStore.Owned::session)
                        .filter(s -> (wanted == null || s.status() == wanted)
                                && (where == null || s.repo().equals(where))).ifPresent(s -> items.add(summary(s)));
                if (items.size() == max) {
                    break;
                }
            }
        }
        boolean hasNext = last != null && !store.idsAfter(last, 1).orElse(List.of()).isEmpty();
        return new Page(items, hasNext ? last : null);
    }

    private static SessionStatus status(String raw) {
        try {
            return SessionStatus.valueOf(raw);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidParameter("status", "must be one of " + Arrays.toString(
                    SessionStatus.values()) + ", not '" + QueryParams.echo(raw) + "'");
        }
    }

    private static SessionSummary summary(Session s) {
        return new SessionSummary(s.id(), s.status().name(), s.repo(), s.goal(), s.createdAt(), s.verifiedSteps(),
                s.steps().size(), s.usage());
    }
}
