export const LOGIN_VIEW = `<form method="post" action="/login" class="login">
  <label>User <input name="username" autocomplete="username" required></label>
  <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
  <button type="submit">Sign in</button>
</form>`;
