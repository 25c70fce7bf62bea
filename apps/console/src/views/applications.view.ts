export const APPLICATIONS_VIEW = `<form method="get" action="/applications" role="search">
  <label>Application id or vendor_specific_id <input name="q" value="{{q}}" required></label>
  <button type="submit">Find</button>
</form>
{{#if recent}}
<h2>Recently updated</h2>
<table>
  <thead><tr><th>application</th><th>vendor_specific_id</th><th>status</th><th>updated</th></tr></thead>
  <tbody>
  {{#each recent}}
    <tr><td><a href="/applications/{{applicationId}}">{{applicationId}}</a></td><td>{{vendorSpecificId}}</td>
        <td>{{status}}</td><td>{{updatedAt}}</td></tr>
  {{/each}}
  </tbody>
</table>
{{/if}}`;

export const APPLICATION_VIEW = `<dl class="facts">
  <dt>application</dt><dd data-testid="application-id">{{application.applicationId}}</dd>
  <dt>vendor_specific_id</dt><dd>{{application.vendorSpecificId}}</dd>
  <dt>status</dt><dd data-testid="status">{{application.status}}</dd>
  <dt>crawler status</dt><dd>{{application.crawlerStatus}}</dd>
  <dt>contact</dt><dd>{{application.contact.fullName}} {{application.contact.email}} {{application.contact.mobile}}</dd>
  <dt>updated</dt><dd>{{application.updatedAt}}</dd>
</dl>
<p><a href="/applications/{{application.applicationId}}/timeline">Timeline</a></p>
<h2>Crawlers</h2>
<pre>{{json application.crawlers}}</pre>
<h2>Accounts</h2>
<pre data-testid="accounts">{{json application.accounts}}</pre>
<h2>Artifacts</h2>
{{#if artifacts.length}}
<table>
  <thead><tr><th>kind</th><th>type</th><th>size</th><th>fetched</th><th></th></tr></thead>
  <tbody>
  {{#each artifacts}}
    <tr><td>{{kind}}</td><td>{{contentType}}</td><td>{{sizeBytes}}</td><td>{{fetchedAt}}</td>
        <td><a href="/artifacts/{{id}}" download>Download</a></td></tr>
  {{/each}}
  </tbody>
</table>
{{else}}<p>No artifacts stored (yet).</p>{{/if}}`;

export const TIMELINE_VIEW = `<p><a href="/applications/{{applicationId}}">Back to the application</a></p>
<table data-testid="timeline">
  <thead><tr><th>received</th><th>provider time</th><th>type</th><th>subject</th><th>ce_id</th></tr></thead>
  <tbody>
  {{#each entries}}
    <tr><td>{{receivedAt}}</td><td>{{providerTime}}</td><td>{{eventType}}</td><td>{{subject}}</td><td>{{ceId}}</td></tr>
  {{/each}}
  </tbody>
</table>`;
