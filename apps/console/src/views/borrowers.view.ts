export const BORROWERS_VIEW = `<form method="get" action="/borrowers" role="search">
  <label>Borrower id <input name="q" value="{{q}}" required></label>
  <button type="submit">Find</button>
</form>
{{#if borrower}}
<h2>Borrower</h2>
<pre>{{json borrower}}</pre>
<h2>Scores (latest first, with reasons)</h2>
<pre>{{json scores}}</pre>
{{/if}}`;
