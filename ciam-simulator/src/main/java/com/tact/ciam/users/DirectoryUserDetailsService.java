package com.tact.ciam.users;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The directory as Spring Security sees it: an expired password is {@code credentialsNonExpired=false}, which
 * Spring checks only after the password matched, so a wrong password never learns that an account expired.
 */
public class DirectoryUserDetailsService implements UserDetailsService {

    private final UserDirectory directory;
    private final String encodedPassword;

    public DirectoryUserDetailsService(UserDirectory directory, String encodedPassword) {
        this.directory = directory;
        this.encodedPassword = encodedPassword;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Account account = directory.find(username).orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        return User.withUsername(account.username())
                .password(encodedPassword)
                .roles(account.roles().toArray(String[]::new))
                .disabled(!account.enabled())
                .credentialsExpired(directory.passwordAge(account).expired())
                .build();
    }
}
