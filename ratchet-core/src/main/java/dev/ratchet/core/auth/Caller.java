package dev.ratchet.core.auth;

/** Who sent a request: the key it carried, that key's team and role. */
public record Caller(String keyId, String team, Role role) {

    public boolean admin() {
        return role == Role.ADMIN;
    }

    /**
     * Whether this caller may see and act on what {@code ownerTeam} owns: its own team's, or anything for an admin.
     * Something with no owner (stored before teams existed) belongs to admins only.
     */
    public boolean mayAccess(String ownerTeam) {
        return admin() || team.equals(ownerTeam);
    }
}
