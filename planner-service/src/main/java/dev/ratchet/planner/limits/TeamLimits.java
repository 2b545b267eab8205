package dev.ratchet.planner.limits;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ratchet.runtime.auth.TeamsConfig;

/** One team's limits: its own ({@code ratchet.teams.<team>.*}) where set, else the defaults ({@code ratchet.limits.*}). */
@ApplicationScoped
public class TeamLimits {

    private final TeamsConfig teams;
    private final LimitsConfig defaults;

    TeamLimits(TeamsConfig teams, LimitsConfig defaults) {
        this.teams = teams;
        this.defaults = defaults;
    }

    public int maxConcurrentSessions(String team) {
        return teams.team(team).flatMap(TeamsConfig.Team::maxConcurrentSessions)
                .orElse(defaults.maxConcurrentSessions());
    }

    public long maxTokensPerDay(String team) {
        return teams.team(team).flatMap(TeamsConfig.Team::maxTokensPerDay).orElse(defaults.maxTokensPerDay());
    }

    public int maxRequests(String team) {
        return teams.team(team).flatMap(TeamsConfig.Team::maxRequests).orElse(defaults.maxRequests());
    }

    public Duration requestWindow(String team) {
        return teams.team(team).flatMap(TeamsConfig.Team::requestWindow).orElse(defaults.requestWindow());
    }
}
