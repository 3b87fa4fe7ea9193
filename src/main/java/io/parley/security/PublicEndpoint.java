package io.parley.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint that anybody may call, together with {@code @PermitAll}, and says why. Such endpoints authenticate
 * their callers by other means (a provider's signature, a visitor token) or expose nothing sensitive. The build's
 * endpoint access test rejects {@code @PermitAll} without this annotation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface PublicEndpoint {

    /** Why this endpoint needs no token, and what protects it instead. */
    String reason();
}
