export const CONSOLE_STYLE = `body { font: 14px system-ui, sans-serif; margin: 0; color: #1d2430; }
nav { display: flex; gap: 1rem; align-items: center; padding: .6rem 1rem; background: #1d2430; color: #fff; }
nav a { color: #cfe0ff; } nav .who { margin-left: auto; }
main { padding: 1rem 1.5rem; } table { border-collapse: collapse; margin: .5rem 0; }
th, td { border-bottom: 1px solid #dde; padding: .25rem .6rem; text-align: left; vertical-align: top; }
pre { background: #f4f6fa; padding: .6rem; overflow: auto; max-height: 30rem; }
.error { color: #a40000; } .notice { color: #0a5d00; } form.inline { display: inline; }
.login { display: grid; gap: .6rem; max-width: 20rem; } canvas { max-width: 60rem; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }`;
