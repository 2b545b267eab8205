package dev.ratchet.planner.session.flow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.ratchet.core.session.AcceptedPatch;
import dev.ratchet.core.session.RepoLocation;
import dev.ratchet.core.session.Session;
import dev.ratchet.core.session.SessionStatus;
import dev.ratchet.core.session.StepState;
import dev.ratchet.core.session.StepStatus;
import dev.ratchet.planner.session.store.SessionStore;
import dev.ratchet.runtime.redis.Blobs;
import dev.ratchet.runtime.rest.ProblemException;
import dev.ratchet.workspace.ResultBranch;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Writes a completed session's result branch {@code ratchet/<id>} into its repository (workspace's
 * {@link ResultBranch}): once when the session completes, and again on demand (the patch endpoint) should the
 * planner have stopped in between. Writing is idempotent: an existing branch is kept.
 */
@ApplicationScoped
public class ResultBranches {

    private static final Logger LOG = Logger.getLogger(ResultBranches.class);

    private final SessionStore store;
    private final Blobs blobs;
    private final SessionDocuments documents;
    private final Path scratch;

    ResultBranches(SessionStore store, Blobs blobs, SessionDocuments documents,
            @ConfigProperty(name = "ratchet.work-dir") String workDir) {
        this.store = store;
        this.blobs = blobs;
        this.documents = documents;
        this.scratch = Path.of(workDir).resolve("results");
    }

    /**
     * The branch's tip, written now if the session completed and it is missing; empty before completion. One write
     * at a time in this planner: the completion's and a patch request's must not race to create the same ref.
     */
    public synchronized Optional<String> ensure(Session session) {
        if (session.status() != SessionStatus.COMPLETED) {
            return Optional.empty();
        }
        Path repo = RepoLocation.parse(session.repo()).orElseThrow();
        Optional<String> tip = ResultBranch.tip(repo, session.id());
        if (tip.isPresent()) {
            return tip;
        }
        List<StepState> verified = session.steps().stream().filter(s -> s.status() == StepStatus.VERIFIED).toList();
        List<AcceptedPatch> patches = store.accepted(session.id());
        if (patches.size() != verified.size()) {
            throw new IllegalStateException("session " + session.id() + " has " + patches.size()
                    + " accepted patches for " + verified.size() + " verified steps");
        }
        List<ResultBranch.StepCommit> commits = new ArrayList<>();
        for (int i = 0; i < verified.size(); i++) {
            StepState step = verified.get(i);
            commits.add(new ResultBranch.StepCommit(step.id(), patches.get(i).variant(), step.title(),
                    step.lastAttempt().checkSummary(), blobs.get(patches.get(i).patch())));
        }
        return Optional.of(ResultBranch.write(repo, session.id(), session.baseCommit(), commits,
                documents.all(session), scratch));
    }

    /**
     * The result branch as a {@code git format-patch} series, or the commit of {@code stepId}; empty when that step
     * has no commit.
     *
     * @throws ProblemException 409 before the session completed
     */
    public Optional<String> series(Session session, String stepId) {
        if (session.status() != SessionStatus.COMPLETED) {
            throw ProblemException.conflict("the session is " + session.status() + "; its result branch "
                    + ResultBranch.name(session.id()) + " is written when it completes");
        }
        ensure(session);
        return ResultBranch.series(RepoLocation.parse(session.repo()).orElseThrow(), session.id(),
                session.baseCommit(), stepId);
    }

    /**
     * After a stored decision: a session that just completed gets its branch, on a worker thread (a clone of a
     * large repository takes seconds, which a verdict handler or a request must not wait for); a failure is
     * logged, and {@code GET .../patch} tries again.
     */
    public void afterDecision(Session session) {
        if (session.status() != SessionStatus.COMPLETED) {
            return;
        }
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                ensure(session).ifPresent(tip -> LOG.infof("session %s: result branch %s at %s", session.id(),
                        ResultBranch.name(session.id()), tip));
            } catch (RuntimeException e) {
                LOG.warnf(e, "session %s: the result branch could not be written; GET .../patch tries again",
                        session.id());
            }
        });
    }
}
