package org.homeward.admin;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.homeward.admin.account.Accounts;
import org.homeward.admin.account.PasswordPolicy;

/**
 * The admin app's configuration, validated when built.
 *
 * @param adminEmail the first admin's email (ADMIN_EMAIL), used only when there is no account yet
 * @param adminPassword the first admin's password (ADMIN_PASSWORD); empty: one is generated and printed once
 * @param publicUrl where staff reach Homeward (PUBLIC_URL), for invitation links; https means a TLS proxy is in
 *     front: cookies are then Secure and {@code __Host-} prefixed, and HSTS is sent
 * @param broadcastApprovalAbove a broadcast to more people than this needs a second member's approval
 *     (BROADCAST_APPROVAL_ABOVE)
 * @param simulator true when Homeward runs with its built-in simulator: a broadcast's test may go to a simulated person
 */
public record AdminConfig(Optional<String> adminEmail, Optional<String> adminPassword, URI publicUrl,
                          int broadcastApprovalAbove, boolean simulator) {
    /** The default of BROADCAST_APPROVAL_ABOVE. */
    public static final int DEFAULT_BROADCAST_APPROVAL_ABOVE = 1000;

    /** The first admin's email when ADMIN_EMAIL is not set. */
    public static final String DEFAULT_ADMIN_EMAIL = "admin@localhost";

    /** @throws IllegalArgumentException naming the variable that is wrong */
    public AdminConfig {
        Objects.requireNonNull(adminEmail);
        Objects.requireNonNull(adminPassword);
        Objects.requireNonNull(publicUrl);
        adminEmail = adminEmail.map(Accounts::normalEmail);
        if (adminEmail.isPresent() && !Accounts.plausibleEmail(adminEmail.get())) {
            throw new IllegalArgumentException("ADMIN_EMAIL must be an email address such as admin@example.org");
        }
        if (adminPassword.isPresent()) {
            if (adminEmail.isEmpty()) {
                throw new IllegalArgumentException("ADMIN_PASSWORD is set but ADMIN_EMAIL is not; set both, or "
                        + "only ADMIN_EMAIL to get a generated password");
            }
            // Never echo the password: say only what is wrong with it.
            String problem = PasswordPolicy.problem(adminPassword.get(), adminEmail.get());
            if (problem != null) {
                throw new IllegalArgumentException("ADMIN_PASSWORD is not accepted: " + switch (problem) {
                    case "password.too_short" -> "it must have at least " + PasswordPolicy.MIN_LENGTH + " characters";
                    case "password.too_long" -> "it must have at most " + PasswordPolicy.MAX_LENGTH + " characters";
                    case "password.common" -> "it is one of the most common passwords";
                    default -> "it contains the email address";
                });
            }
        }
        if (broadcastApprovalAbove < 0) {
            throw new IllegalArgumentException("BROADCAST_APPROVAL_ABOVE must be a number of people, 0 or more");
        }
        String scheme = publicUrl.getScheme();
        if (publicUrl.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))) {
            throw new IllegalArgumentException("PUBLIC_URL must be an http or https URL such as https://homeward.example.org");
        }
    }

    /** The first admin and the public URL; broadcasts with the default approval threshold, no simulator. */
    public AdminConfig(Optional<String> adminEmail, Optional<String> adminPassword, URI publicUrl) {
        this(adminEmail, adminPassword, publicUrl, DEFAULT_BROADCAST_APPROVAL_ABOVE, false);
    }

    /** Local development: no first-admin settings, http on localhost at {@code port}. */
    public static AdminConfig local(int port) {
        return new AdminConfig(Optional.empty(), Optional.empty(), URI.create("http://localhost:" + port));
    }

    /** This configuration with the broadcasts' approval threshold and whether the simulator runs. */
    public AdminConfig withBroadcasts(int approvalAbove, boolean simulatorMode) {
        return new AdminConfig(adminEmail, adminPassword, publicUrl, approvalAbove, simulatorMode);
    }

    /** True when browsers reach Homeward over https. */
    public boolean behindTls() {
        return "https".equals(publicUrl.getScheme());
    }

    /** The password is never part of the text form. */
    @Override
    public String toString() {
        return "AdminConfig[adminEmail=" + adminEmail.orElse("-") + ", publicUrl=" + publicUrl
                + ", broadcastApprovalAbove=" + broadcastApprovalAbove + ", simulator=" + simulator + "]";
    }
}
