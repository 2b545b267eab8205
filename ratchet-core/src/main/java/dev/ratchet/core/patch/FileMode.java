package dev.ratchet.core.patch;

/** The file modes a patch can name (git's octal modes). */
public enum FileMode {
    REGULAR("100644"),
    EXECUTABLE("100755"),
    SYMLINK("120000");

    private final String octal;

    FileMode(String octal) {
        this.octal = octal;
    }

    public String octal() {
        return octal;
    }
}
