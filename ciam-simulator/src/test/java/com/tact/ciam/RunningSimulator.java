package com.tact.ciam;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The simulator on a random port, one instance for every IT (same properties, so one cached context). The issuer
 * is not the address the tests call, which shows it comes from {@code ciam.issuer}; the console's redirect URI is
 * not the default one, which shows it comes from {@code ciam.console.redirect-uris}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ciam.issuer=" + CiamFixture.ISSUER,
        "ciam.console.redirect-uris=" + Browser.REDIRECT_URI + ",http://localhost:1/other",
        "ciam.dev-password=" + CiamFixture.PASSWORD})
@interface RunningSimulator {
}
