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
 */
public record AdminConfig(Optional<String> adminEmail, Optional<String> adminPassword, URI publicUrl) {
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
        String scheme = publicUrl.getScheme();
        if (publicUrl.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))) {
            throw new IllegalArgumentException("PUBLIC_URL must be an http or https URL such as https://homeward.example.org");
        }
    }

    /** Local development: no first-admin settings, http on localhost at {@code port}. */
    public static AdminConfig local(int port) {
        return new AdminConfig(Optional.empty(), Optional.empty(), URI.create("http://localhost:" + port));
    }

    /** True when browsers reach Homeward over https. */
    public boolean behindTls() {
        return "https".equals(publicUrl.getScheme());
    }

    /** The password is never part of the text form. */
    @Override
    public String toString() {
        return "AdminConfig[adminEmail=" + adminEmail.orElse("-") + ", publicUrl=" + publicUrl + "]";
    }
}
