// User entity -> public profile; never exposes the password hash.
package app.botfactory.accounts.mapping;

import app.botfactory.accounts.domain.User;
import app.botfactory.accounts.rest.AccountDtos.UserResponse;

public final class UserMapper {

    private UserMapper() { }

    public static UserResponse toResponse(User user) {
        return new UserResponse(user.id, user.email, user.name, user.createdAt);
    }
}
