// The page frame: navigation, who is signed in, the logout form (with its CSRF token).
export const LAYOUT = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{title}} · Ledgerhook console</title>
<link rel="stylesheet" href="/assets/console.css">
<script src="/assets/chart.umd.js" defer></script>
<script src="/assets/console.js" defer></script>
</head>
<body>
{{#if session}}
<nav>
  <strong>Ledgerhook</strong>
  <a href="/deliveries">Deliveries</a>
  <a href="/applications">Applications</a>
  <a href="/borrowers">Borrowers</a>
  <a href="/operations">Operations</a>
  <a href="/operations/audit">Audit log</a>
  <span class="who">{{session.username}} ({{session.role}})</span>
  <form method="post" action="/logout" class="inline">
    <input type="hidden" name="_csrf" value="{{session.csrfToken}}">
    <button type="submit">Log out</button>
  </form>
</nav>
{{/if}}
<main>
<h1>{{title}}</h1>
{{#if error}}<p class="error" role="alert">{{error}}</p>{{/if}}
{{{body}}}
</main>
</body>
</html>`;
