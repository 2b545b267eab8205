package dev.ratchet.workspace.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The environment a check gets: an allow-list, never the verifier's own. API keys for the models live in the
 * verifier's environment ({@code RATCHET_MODELS_*_API_KEY}), and a check's output is stored and served.
 */
final class CheckEnvironment {

    static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
    /**
     * glibc gives each thread that allocates its own malloc arena, reserving 64 MiB of address space apiece: under
     * the sandbox's 4 GiB address-space limit a Maven build (its JVM, then the forked test JVM, each with dozens of
     * threads) died with "insufficient memory" while using far less. Two arenas keep a JVM's reservations within the
     * limit; the same build then passes (DemoScenariosIT, scenario maven). A check may still set its own value.
     */
    static final String MALLOC_ARENA_MAX = "2";
    private static final List<String> ALWAYS = List.of("PATH", "LANG", "LC_ALL", "MALLOC_ARENA_MAX");
    /** Never passed, even when configured: Ratchet's own settings and anything named like a credential. */
    private static final Pattern SECRET = Pattern.compile(
            "^RATCHET_.*|.*(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH|COOKIE|SESSION).*");

    private CheckEnvironment() {
    }

    /**
     * @param home the check's HOME, inside its throwaway directory
     * @param tmp the check's TMPDIR, inside its throwaway directory
     */
    static Map<String, String> of(Map<String, String> parent, List<String> passEnv, String home, String tmp) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : ALWAYS) {
            pass(parent, name, env);
        }
        for (String name : passEnv) {
            pass(parent, name, env);
        }
        env.putIfAbsent("PATH", DEFAULT_PATH);
        env.putIfAbsent("LANG", "C.UTF-8");
        env.putIfAbsent("MALLOC_ARENA_MAX", MALLOC_ARENA_MAX);
        env.put("HOME", home);
        env.put("TMPDIR", tmp);
        return env;
    }

    static boolean isSecret(String name) {
        return SECRET.matcher(name.toUpperCase(Locale.ROOT)).matches();
    }

    private static void pass(Map<String, String> parent, String name, Map<String, String> env) {
        String value = parent.get(name);
        if (value != null && !isSecret(name)) {
            env.put(name, value);
        }
    }
}
