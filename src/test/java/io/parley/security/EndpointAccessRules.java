package io.parley.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.jboss.jandex.MethodInfo;

/**
 * The rule that every HTTP and WebSocket endpoint declares who may call it: {@code @RolesAllowed},
 * {@code @Authenticated}, {@code @DenyAll}, or {@code @PermitAll} together with {@link PublicEndpoint} and a reason. A
 * method-level declaration overrides the class-level one.
 */
final class EndpointAccessRules {

    private static final Set<DotName> HTTP_METHODS = Stream.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD",
            "OPTIONS").map(m -> DotName.createSimple("jakarta.ws.rs." + m)).collect(java.util.stream.Collectors.toSet());
    private static final DotName ROUTE = DotName.createSimple("io.quarkus.vertx.web.Route");
    private static final DotName WEB_SOCKET = DotName.createSimple("io.quarkus.websockets.next.WebSocket");
    private static final DotName ROLES_ALLOWED = DotName.createSimple("jakarta.annotation.security.RolesAllowed");
    private static final DotName DENY_ALL = DotName.createSimple("jakarta.annotation.security.DenyAll");
    private static final DotName PERMIT_ALL = DotName.createSimple("jakarta.annotation.security.PermitAll");
    private static final DotName AUTHENTICATED = DotName.createSimple("io.quarkus.security.Authenticated");
    private static final DotName PUBLIC = DotName.createSimple(PublicEndpoint.class.getName());

    private EndpointAccessRules() {
    }

    /** Indexes every class file below the given directories. */
    static Index indexOf(Path... classDirectories) {
        Indexer indexer = new Indexer();
        for (Path dir : classDirectories) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        indexer.index(in);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return indexer.complete();
    }

    /** Describes every endpoint in {@code index} that breaks the rule; empty when all comply. */
    static List<String> violations(Index index) {
        List<String> violations = new ArrayList<>();
        for (ClassInfo type : index.getKnownClasses()) {
            if (type.hasDeclaredAnnotation(WEB_SOCKET)) {
                check(type, type.name() + " (WebSocket)", violations);
            }
            for (MethodInfo method : type.methods()) {
                boolean endpoint = method.annotations().stream()
                        .anyMatch(a -> a.target().kind() == AnnotationTarget.Kind.METHOD
                                && (HTTP_METHODS.contains(a.name()) || ROUTE.equals(a.name())));
                if (endpoint) {
                    String where = type.name() + "#" + method.name();
                    if (declares(method)) {
                        check(method, where, violations);
                    } else {
                        check(type, where, violations);
                    }
                }
            }
        }
        return violations;
    }

    private static boolean declares(MethodInfo method) {
        return Stream.of(ROLES_ALLOWED, DENY_ALL, PERMIT_ALL, AUTHENTICATED).anyMatch(method::hasDeclaredAnnotation);
    }

    private static void check(AnnotationTarget target, String where, List<String> violations) {
        boolean restricted = Stream.of(ROLES_ALLOWED, DENY_ALL, AUTHENTICATED).anyMatch(target::hasDeclaredAnnotation);
        if (restricted) {
            return;
        }
        if (!target.hasDeclaredAnnotation(PERMIT_ALL)) {
            violations.add(where + " declares no access (@RolesAllowed, @Authenticated, @DenyAll or @PermitAll)");
            return;
        }
        AnnotationInstance reason = target.declaredAnnotation(PUBLIC);
        if (reason == null || reason.value("reason") == null || reason.value("reason").asString().isBlank()) {
            violations.add(where + " is @PermitAll without @PublicEndpoint(reason = ...)");
        }
    }
}
