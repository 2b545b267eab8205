package dev.ratchet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;

import com.fasterxml.jackson.annotation.JsonSubTypes;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a native image must register for reflection so that Jackson can read and write it, found from the classes
 * rather than listed by hand: a test names the roots (an event package, a service's API), {@link #reachable} adds
 * every Ratchet type they hold (record components, type arguments, arrays, sealed subtypes, {@code @JsonSubTypes},
 * fields), and {@link #missing} says which of them no {@code @RegisterForReflection} names. GraalVM is not at hand
 * on the build machines: until a native build runs somewhere, this keeps a new record from being forgotten.
 */
public final class NativeReflection {

    private static final String RATCHET = "dev.ratchet.";
    private static final List<Class<? extends Annotation>> HTTP_METHODS = List.of(GET.class,
            POST.class, PUT.class, DELETE.class, PATCH.class);

    private NativeReflection() {
    }

    /** Every record and enum, nested ones too, in {@code anchor}'s package (not its sub-packages). */
    public static List<Class<?>> recordsAndEnumsIn(Class<?> anchor) {
        return classesIn(anchor).stream().filter(c -> c.isRecord() || c.isEnum()).toList();
    }

    /**
     * Every class under {@code anchor}'s package, its sub-packages included, read from where {@code anchor} was
     * loaded (a folder of classes or a jar).
     */
    private static List<Class<?>> classesUnder(Class<?> anchor) {
        return load(anchor, names(anchor).filter(n -> n.startsWith(anchor.getPackageName() + ".")));
    }

    /**
     * A service's API types: the public records and enums of its {@code api} packages, and the Ratchet types in the
     * request bodies and answers of every JAX-RS resource method, of every class under {@code anchor}'s package.
     */
    public static Set<Class<?>> apiTypes(Class<?> anchor) {
        List<Class<?>> classes = classesUnder(anchor);
        Set<Class<?>> types = resourceTypes(classes);
        classes.stream().filter(c -> c.getPackageName().endsWith(".api") && (c.isRecord() || c.isEnum())
                && Modifier.isPublic(c.getModifiers())).forEach(types::add);
        return types;
    }

    /** The records and enums in the request bodies and answers of every JAX-RS resource method of {@code classes}. */
    private static Set<Class<?>> resourceTypes(Collection<Class<?>> classes) {
        Set<Class<?>> types = new LinkedHashSet<>();
        for (Class<?> resource : classes) {
            for (Method method : resource.getDeclaredMethods()) {
                if (HTTP_METHODS.stream().anyMatch(method::isAnnotationPresent)) {
                    collect(method.getGenericReturnType(), types);
                    Arrays.stream(method.getGenericParameterTypes()).forEach(t -> collect(t, types));
                }
            }
        }
        return types;
    }

    /** {@code roots} and every Ratchet type Jackson meets inside them. */
    public static Set<Class<?>> reachable(Collection<Class<?>> roots) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            Class<?> type = todo.pop();
            if (!type.getName().startsWith(RATCHET) || !seen.add(type)) {
                continue;
            }
            Set<Class<?>> inside = new LinkedHashSet<>();
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    collect(component.getGenericType(), inside);
                }
            } else if (!type.isEnum()) {
                for (Field field : type.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers())) {
                        collect(field.getGenericType(), inside);
                    }
                }
            }
            if (type.isSealed()) {
                inside.addAll(Arrays.asList(type.getPermittedSubclasses()));
            }
            JsonSubTypes subTypes = type.getAnnotation(JsonSubTypes.class);
            if (subTypes != null) {
                Arrays.stream(subTypes.value()).forEach(s -> inside.add(s.value()));
            }
            todo.addAll(inside);
        }
        return seen;
    }

    /** What {@code registrations} name in {@code @RegisterForReflection} (targets, classNames), or those carrying it. */
    public static Set<Class<?>> registeredBy(Collection<Class<?>> registrations) {
        Set<Class<?>> registered = new LinkedHashSet<>();
        for (Class<?> registration : registrations) {
            RegisterForReflection annotation = registration.getAnnotation(RegisterForReflection.class);
            if (annotation != null) {
                registered.addAll(annotation.targets().length == 0 && annotation.classNames().length == 0
                        ? List.of(registration) : Arrays.asList(annotation.targets()));
                for (String name : annotation.classNames()) {
                    try {
                        registered.add(Class.forName(name, false, registration.getClassLoader()));
                    } catch (ClassNotFoundException e) {
                        throw new AssertionError(registration + " names " + name + ", which does not exist", e);
                    }
                }
            }
        }
        return registered;
    }

    /** The interfaces and abstract types aside (Jackson builds only concrete ones), what is needed and not named. */
    public static Set<String> missing(Collection<Class<?>> needed, Collection<Class<?>> registered) {
        Set<String> missing = new TreeSet<>();
        for (Class<?> type : needed) {
            boolean concrete = type.isRecord() || type.isEnum() || !type.isInterface()
                    && !Modifier.isAbstract(type.getModifiers());
            boolean annotated = type.isAnnotationPresent(RegisterForReflection.class);
            if (concrete && !annotated && !registered.contains(type)) {
                missing.add(type.getName().replace('$', '.') + ".class");
            }
        }
        return missing;
    }

    private static void collect(Type type, Set<Class<?>> into) {
        if (type instanceof Class<?> c) {
            if (c.isArray()) {
                collect(c.getComponentType(), into);
            } else if (c.getName().startsWith(RATCHET)) {
                into.add(c);
            }
        } else if (type instanceof ParameterizedType p) {
            collect(p.getRawType(), into);
            Arrays.stream(p.getActualTypeArguments()).forEach(a -> collect(a, into));
        } else if (type instanceof GenericArrayType a) {
            collect(a.getGenericComponentType(), into);
        } else if (type instanceof WildcardType w) {
            Arrays.stream(w.getUpperBounds()).forEach(b -> collect(b, into));
        }
    }

    private static List<Class<?>> classesIn(Class<?> anchor) {
        String pkg = anchor.getPackageName();
        return load(anchor, names(anchor).filter(n -> n.startsWith(pkg + ".") && n.indexOf('.', pkg.length() + 1) < 0));
    }

    private static List<Class<?>> load(Class<?> anchor, Stream<String> names) {
        List<Class<?>> classes = new ArrayList<>();
        names.sorted().forEach(name -> {
            try {
                classes.add(Class.forName(name, false, anchor.getClassLoader()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(name + " is listed where " + anchor + " was loaded from", e);
            }
        });
        return classes;
    }

    /** The binary names of every class where {@code anchor} was loaded from, its package's folder down. */
    private static Stream<String> names(Class<?> anchor) {
        String folder = anchor.getPackageName().replace('.', '/');
        try {
            Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<String> files = new ArrayList<>();
            if (Files.isDirectory(location)) {
                try (Stream<Path> walk = Files.walk(location.resolve(folder))) {
                    walk.filter(Files::isRegularFile).forEach(f -> files.add(location.relativize(f).toString()
                            .replace('\\', '/')));
                }
            } else {
                try (ZipFile jar = new ZipFile(location.toFile())) {
                    jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(folder + "/")).forEach(files::add);
                }
            }
            return files.stream().filter(f -> f.endsWith(".class") && !f.endsWith("package-info.class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
