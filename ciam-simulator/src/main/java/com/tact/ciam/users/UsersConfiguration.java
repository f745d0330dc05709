package com.tact.ciam.users;

import com.tact.ciam.config.CiamProperties;
import java.time.InstantSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class UsersConfiguration {

    @Bean
    UserDirectory userDirectory(InstantSource clock) {
        return new UserDirectory(clock);
    }

    @Bean
    DirectoryUserDetailsService userDetailsService(UserDirectory directory, CiamProperties ciam, PasswordEncoder encoder) {
        return new DirectoryUserDetailsService(directory, encoder.encode(ciam.devPassword()));
    }
}
