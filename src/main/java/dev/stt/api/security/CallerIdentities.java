package dev.stt.api.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** The security identities this API knows: a key's owner, or the one caller of an API running with auth off. */
final class CallerIdentities {

    static final String OWNER_ATTRIBUTE = "stt.owner";
    static final String ROLE = "client";

    private static final SecurityIdentity AUTH_OFF = QuarkusSecurityIdentity.builder()
            .setPrincipal(new QuarkusPrincipal("local"))
            .addRole(ROLE)
            .addAttribute(OWNER_ATTRIBUTE, Owner.everyone())
            .build();

    private CallerIdentities() {
    }

    static SecurityIdentity of(Owner owner) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(owner.keyHashForNewRecords()))
                .addRole(ROLE)
                .addAttribute(OWNER_ATTRIBUTE, owner)
                .build();
    }

    static SecurityIdentity authOff() {
        return AUTH_OFF;
    }
}
