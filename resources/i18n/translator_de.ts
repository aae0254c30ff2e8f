<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>Export</name>
    <message>
        <source>Plain text</source>
        <translation>Nur Text</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <source>JSON (transcript data)</source>
        <translation>JSON (Transkriptdaten)</translation>
    </message>
    <message>
        <source>CSV spreadsheet</source>
        <translation>CSV-Tabelle</translation>
    </message>
    <message>
        <source>SubRip subtitles</source>
        <translation>SubRip-Untertitel</translation>
    </message>
    <message>
        <source>WebVTT subtitles</source>
        <translation>WebVTT-Untertitel</translation>
    </message>
    <message>
        <source>Word document</source>
        <translation>Word-Dokument</translation>
    </message>
    <message>
        <source>Original and translation</source>
        <translation>Original und Übersetzung</translation>
    </message>
    <message>
        <source>Translation only</source>
        <translation>Nur die Übersetzung</translation>
    </message>
    <message>
        <source>Original only</source>
        <translation>Nur das Original</translation>
    </message>
    <message>
        <source>Texts to export</source>
        <translation>Zu exportierende Texte</translation>
    </message>
    <message>
        <source>&amp;Texts:</source>
        <translation>&amp;Texte:</translation>
    </message>
    <message>
        <source>Export transcript</source>
        <translation>Transkript exportieren</translation>
    </message>
    <message>
        <source>Choose the export file</source>
        <translation>Exportdatei wählen</translation>
    </message>
    <message>
        <source>Replace file?</source>
        <translation>Datei ersetzen?</translation>
    </message>
    <message>
        <source>{name} exists. Replace it?</source>
        <translation>{name} gibt es schon. Ersetzen?</translation>
    </message>
</context>
<context>
    <name>FirstRunPanel</name>
    <message>
        <source>Welcome</source>
        <translation>Willkommen</translation>
    </message>
    <message>
        <source>Welcome to Translator</source>
        <translation>Willkommen bei Translator</translation>
    </message>
    <message>
        <source>Translator interprets speech live between two languages. Try it now with the built-in demo, or use your OpenAI API key to translate for real.</source>
        <translation>Translator dolmetscht gesprochene Sprache live zwischen zwei Sprachen. Probieren Sie es gleich mit der eingebauten Demo aus oder übersetzen Sie richtig mit Ihrem OpenAI-API-Schlüssel.</translation>
    </message>
    <message>
        <source>What Translator does</source>
        <translation>Was Translator tut</translation>
    </message>
    <message>
        <source>Try the &amp;demo</source>
        <translation>&amp;Demo ausprobieren</translation>
    </message>
    <message>
        <source>Try the demo without a key</source>
        <translation>Die Demo ohne Schlüssel ausprobieren</translation>
    </message>
    <message>
        <source>Or paste your OpenAI API key (from platform.openai.com, API keys). It is kept in your system&apos;s keyring, never in a file.</source>
        <translation>Oder fügen Sie Ihren OpenAI-API-Schlüssel ein (auf platform.openai.com, API keys). Er wird im Schlüsselbund des Systems aufbewahrt, nie in einer Datei.</translation>
    </message>
    <message>
        <source>About the API key</source>
        <translation>Über den API-Schlüssel</translation>
    </message>
    <message>
        <source>OpenAI API key</source>
        <translation>OpenAI-API-Schlüssel</translation>
    </message>
    <message>
        <source>&amp;Use my OpenAI key</source>
        <translation>Meinen OpenAI-Schlüssel &amp;verwenden</translation>
    </message>
    <message>
        <source>Save the key and start</source>
        <translation>Schlüssel speichern und loslegen</translation>
    </message>
    <message>
        <source>Key status</source>
        <translation>Status des Schlüssels</translation>
    </message>
    <message>
        <source>Paste your key first, or try the demo.</source>
        <translation>Fügen Sie zuerst Ihren Schlüssel ein oder probieren Sie die Demo aus.</translation>
    </message>
    <message>
        <source>Key stored in the OS keyring. Ready.</source>
        <translation>Schlüssel im Schlüsselbund des Systems gespeichert. Bereit.</translation>
    </message>
    <message>
        <source>Key kept for this session only: no keyring on this system. You will need to paste it again next time.</source>
        <translation>Schlüssel nur für diese Sitzung behalten: Dieses System hat keinen Schlüsselbund. Beim nächsten Mal müssen Sie ihn erneut einfügen.</translation>
    </message>
</context>
<context>
    <name>HistoryWindow</name>
    <message>
        <source>Session history</source>
        <translation>Sitzungsverlauf</translation>
    </message>
    <message>
        <source>Search words, names, languages…</source>
        <translation>Wörter, Namen, Sprachen suchen…</translation>
    </message>
    <message>
        <source>Search sessions</source>
        <translation>Sitzungen durchsuchen</translation>
    </message>
    <message>
        <source>Past sessions</source>
        <translation>Frühere Sitzungen</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Sprachen</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Utterances</source>
        <translation>Äußerungen</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>History notice</source>
        <translation>Hinweis zum Verlauf</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Open the session in the transcript</source>
        <translation>Die Sitzung im Transkript öffnen</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>Export the session</source>
        <translation>Die Sitzung exportieren</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>&amp;Umbenennen</translation>
    </message>
    <message>
        <source>Rename the session</source>
        <translation>Die Sitzung umbenennen</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Delete the session</source>
        <translation>Die Sitzung löschen</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>S&amp;chließen</translation>
    </message>
    <message>
        <source>Close the session history</source>
        <translation>Den Sitzungsverlauf schließen</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>unfinished</source>
        <translation>unvollständig</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>Zuhören</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Anruf</translation>
    </message>
    <message>
        <source>Face-to-face</source>
        <translation>Von Angesicht zu Angesicht</translation>
    </message>
    <message>
        <source>Could not rename: {error}</source>
        <translation>Umbenennen nicht möglich: {error}</translation>
    </message>
    <message>
        <source>Renamed to {title}.</source>
        <translation>Umbenannt in {title}.</translation>
    </message>
    <message>
        <source>Could not export: {error}; pick another folder</source>
        <translation>Export nicht möglich: {error}; wählen Sie einen anderen Ordner</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>Exportiert nach {path}</translation>
    </message>
    <message>
        <source>Delete session?</source>
        <translation>Sitzung löschen?</translation>
    </message>
    <message>
        <source>Delete session {id} ({started}) and its transcript? This cannot be undone.</source>
        <translation>Sitzung {id} ({started}) samt Transkript löschen? Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Could not delete: {error}</source>
        <translation>Löschen nicht möglich: {error}</translation>
    </message>
</context>
<context>
    <name>KeyShape</name>
    <message>
        <source>That is not a key: a key is one word, without spaces. Paste the key alone.</source>
        <translation>Das ist kein Schlüssel: Ein Schlüssel ist ein einziges Wort ohne Leerzeichen. Fügen Sie nur den Schlüssel ein.</translation>
    </message>
    <message>
        <source>OpenAI keys start with sk-. Paste the whole key.</source>
        <translation>OpenAI-Schlüssel beginnen mit sk-. Fügen Sie den ganzen Schlüssel ein.</translation>
    </message>
    <message>
        <source>That is too short for a key. Paste the whole key.</source>
        <translation>Das ist zu kurz für einen Schlüssel. Fügen Sie den ganzen Schlüssel ein.</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <source>{rms:.0f} dBFS, peak {peak:.0f} dBFS</source>
        <translation>{rms:.0f} dBFS, Spitze {peak:.0f} dBFS</translation>
    </message>
    <message>
        <source>silent</source>
        <translation>still</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Translator</source>
        <translation>Translator</translation>
    </message>
    <message>
        <source>Translator main window</source>
        <translation>Hauptfenster von Translator</translation>
    </message>
    <message>
        <source>Demo mode: translations come from the built-in local server, not from OpenAI. To translate for real, open Settings (Ctrl+,), choose a provider and save your API key (or set OPENAI_API_KEY), then press Start.</source>
        <translation>Demomodus: Die Übersetzungen kommen vom eingebauten lokalen Server, nicht von OpenAI. Um richtig zu übersetzen, öffnen Sie die Einstellungen (Strg+,), wählen einen Anbieter und speichern Ihren API-Schlüssel (oder setzen OPENAI_API_KEY); dann drücken Sie Start.</translation>
    </message>
    <message>
        <source>Demo mode notice</source>
        <translation>Hinweis zum Demomodus</translation>
    </message>
    <message>
        <source>Language A</source>
        <translation>Sprache A</translation>
    </message>
    <message>
        <source>Language B</source>
        <translation>Sprache B</translation>
    </message>
    <message>
        <source>Swap languages</source>
        <translation>Sprachen tauschen</translation>
    </message>
    <message>
        <source>Service and model</source>
        <translation>Dienst und Modell</translation>
    </message>
    <message>
        <source>&amp;Change…</source>
        <translation>Ä&amp;ndern…</translation>
    </message>
    <message>
        <source>Change the service or model in Settings</source>
        <translation>Dienst oder Modell in den Einstellungen ändern</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>Zuhören</translation>
    </message>
    <message>
        <source>Hear a talk, a video or a meeting in your language, one way.</source>
        <translation>Hören Sie einen Vortrag, ein Video oder ein Meeting in Ihrer Sprache, in einer Richtung.</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Anruf</translation>
    </message>
    <message>
        <source>A Zoom, Teams or Meet call, both ways: the call hears your translation through a virtual cable, you hear theirs.</source>
        <translation>Ein Zoom-, Teams- oder Meet-Anruf in beide Richtungen: Der Anruf hört Ihre Übersetzung über ein virtuelles Kabel, Sie hören die der anderen Seite.</translation>
    </message>
    <message>
        <source>Face to face</source>
        <translation>Gegenüber</translation>
    </message>
    <message>
        <source>Two people at this computer, each speaking their own language.</source>
        <translation>Zwei Personen an diesem Computer, jede in ihrer eigenen Sprache.</translation>
    </message>
    <message>
        <source>Voice for A to B</source>
        <translation>Stimme von A nach B</translation>
    </message>
    <message>
        <source>Voice for B to A</source>
        <translation>Stimme von B nach A</translation>
    </message>
    <message>
        <source>Input device</source>
        <translation>Eingabegerät</translation>
    </message>
    <message>
        <source>Output device</source>
        <translation>Ausgabegerät</translation>
    </message>
    <message>
        <source>Their audio (call)</source>
        <translation>Ihr Ton (Anruf)</translation>
    </message>
    <message>
        <source>Your headphones (call)</source>
        <translation>Ihre Kopfhörer (Anruf)</translation>
    </message>
    <message>
        <source>Input level</source>
        <translation>Eingangspegel</translation>
    </message>
    <message>
        <source>Output level</source>
        <translation>Ausgangspegel</translation>
    </message>
    <message>
        <source>Their audio level</source>
        <translation>Pegel ihres Tons</translation>
    </message>
    <message>
        <source>Headphones level</source>
        <translation>Kopfhörerpegel</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Testen</translation>
    </message>
    <message>
        <source>Meter this device now, before Start: speak and watch</source>
        <translation>Dieses Gerät jetzt messen, vor Start: sprechen und zusehen</translation>
    </message>
    <message>
        <source>Play a short test sound on this device</source>
        <translation>Einen kurzen Testton auf diesem Gerät abspielen</translation>
    </message>
    <message>
        <source>Test {device}</source>
        <translation>{device} testen</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Start or stop interpreting</source>
        <translation>Dolmetschen starten oder beenden</translation>
    </message>
    <message>
        <source>Play a sample conversation</source>
        <translation>Beispielgespräch abspielen</translation>
    </message>
    <message>
        <source>Run time</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>Live transcript</source>
        <translation>Live-Transkript</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Sprecher</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Translation</source>
        <translation>Übersetzung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Uhrzeit</translation>
    </message>
    <message>
        <source>What is said and its translation appear here. Press Start and speak, or play a sample conversation to see how it works.</source>
        <translation>Hier erscheinen das Gesagte und seine Übersetzung. Drücken Sie Start und sprechen Sie, oder spielen Sie ein Beispielgespräch ab, um zu sehen, wie es funktioniert.</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Session status</source>
        <translation>Sitzungsstatus</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Export transcript</source>
        <translation>Transkript &amp;exportieren</translation>
    </message>
    <message>
        <source>{label} (.{suffix})…</source>
        <translation>{label} (.{suffix})…</translation>
    </message>
    <message>
        <source>Session &amp;history</source>
        <translation>Sitzungs&amp;verlauf</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>S&amp;ubtitles overlay</source>
        <translation>&amp;Untertitel-Einblendung</translation>
    </message>
    <message>
        <source>&amp;Rescan audio devices</source>
        <translation>Audiogeräte neu &amp;suchen</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Manual turn detection (Settings): hold the talk button while you speak; releasing it ends the utterance.</source>
        <translation>Manuelle Sprecherwechsel-Erkennung (Einstellungen): Halten Sie die Sprechtaste, während Sie sprechen; Loslassen beendet die Äußerung.</translation>
    </message>
    <message>
        <source>OpenAI</source>
        <translation>OpenAI</translation>
    </message>
    <message>
        <source>Azure OpenAI</source>
        <translation>Azure OpenAI</translation>
    </message>
    <message>
        <source>Custom endpoint</source>
        <translation>Eigener Endpunkt</translation>
    </message>
    <message>
        <source>Local demo server</source>
        <translation>Lokaler Demoserver</translation>
    </message>
    <message>
        <source>Local demo server: {provider} needs a key</source>
        <translation>Lokaler Demoserver: {provider} braucht einen Schlüssel</translation>
    </message>
    <message>
        <source>Model retirement notice</source>
        <translation>Hinweis zur Abschaltung des Modells</translation>
    </message>
    <message>
        <source>Switch to the successor model</source>
        <translation>Zum Nachfolgemodell wechseln</translation>
    </message>
    <message>
        <source>{model} was shut down by OpenAI on {date}.</source>
        <translation>{model} wurde von OpenAI am {date} abgeschaltet.</translation>
    </message>
    <message>
        <source>Sessions with it are refused.</source>
        <translation>Sitzungen damit werden abgelehnt.</translation>
    </message>
    <message>
        <source>{model} shuts down on OpenAI on {date}.</source>
        <translation>{model} wird bei OpenAI am {date} abgeschaltet.</translation>
    </message>
    <message>
        <source>{days} days left.</source>
        <translation>Noch {days} Tage.</translation>
    </message>
    <message>
        <source>Last day.</source>
        <translation>Letzter Tag.</translation>
    </message>
    <message>
        <source>Its successor is {successor}.</source>
        <translation>Sein Nachfolger ist {successor}.</translation>
    </message>
    <message>
        <source>Switch to {model}</source>
        <translation>Zu {model} wechseln</translation>
    </message>
    <message>
        <source>Switched to {model}.</source>
        <translation>Zu {model} gewechselt.</translation>
    </message>
    <message>
        <source>The new interface language applies at the next start.</source>
        <translation>Die neue Sprache der Oberfläche gilt ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>The service accepted the key.</source>
        <translation>Der Dienst hat den Schlüssel angenommen.</translation>
    </message>
    <message>
        <source>The key was not accepted: {message}</source>
        <translation>Der Schlüssel wurde nicht angenommen: {message}</translation>
    </message>
    <message>
        <source>Settings not saved: {error}</source>
        <translation>Einstellungen nicht gespeichert: {error}</translation>
    </message>
    <message>
        <source>Talk mode</source>
        <translation>Sprechmodus</translation>
    </message>
    <message>
        <source>Auto (always listening)</source>
        <translation>Auto (hört immer zu)</translation>
    </message>
    <message>
        <source>Push-to-talk</source>
        <translation>Drücken zum Sprechen</translation>
    </message>
    <message>
        <source>&amp;Talk</source>
        <translation>S&amp;prechen</translation>
    </message>
    <message>
        <source>you</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>them</source>
        <translation>die anderen</translation>
    </message>
    <message>
        <source>Hold to talk: {side} ({key})</source>
        <translation>Sprechtaste: {side} ({key})</translation>
    </message>
    <message>
        <source>Hold to talk, side {side}</source>
        <translation>Sprechtaste, Seite {side}</translation>
    </message>
    <message>
        <source>Your &amp;microphone</source>
        <translation>Ihr &amp;Mikrofon</translation>
    </message>
    <message>
        <source>What you say, to be translated</source>
        <translation>Was Sie sagen, zum Übersetzen</translation>
    </message>
    <message>
        <source>To the ca&amp;ll</source>
        <translation>In den An&amp;ruf</translation>
    </message>
    <message>
        <source>A virtual cable the call app takes as its microphone</source>
        <translation>Ein virtuelles Kabel, das die Anruf-App als Mikrofon nimmt</translation>
    </message>
    <message>
        <source>Fr&amp;om the call</source>
        <translation>&amp;Aus dem Anruf</translation>
    </message>
    <message>
        <source>A virtual cable the call app plays the other side into</source>
        <translation>Ein virtuelles Kabel, in das die Anruf-App die andere Seite abspielt</translation>
    </message>
    <message>
        <source>Your &amp;headphones</source>
        <translation>Ihre &amp;Kopfhörer</translation>
    </message>
    <message>
        <source>Where you hear the other side&apos;s translation</source>
        <translation>Wo Sie die Übersetzung der anderen Seite hören</translation>
    </message>
    <message>
        <source>&amp;Microphone</source>
        <translation>&amp;Mikrofon</translation>
    </message>
    <message>
        <source>Hears both of you</source>
        <translation>Hört Sie beide</translation>
    </message>
    <message>
        <source>&amp;Speakers</source>
        <translation>&amp;Lautsprecher</translation>
    </message>
    <message>
        <source>Both of you hear the translations</source>
        <translation>Sie beide hören die Übersetzungen</translation>
    </message>
    <message>
        <source>&amp;Listen to</source>
        <translation>&amp;Zuhören bei</translation>
    </message>
    <message>
        <source>The talk: a microphone, or the computer&apos;s own sound</source>
        <translation>Der Vortrag: ein Mikrofon oder der Ton des Computers selbst</translation>
    </message>
    <message>
        <source>&amp;Hear on</source>
        <translation>&amp;Hören über</translation>
    </message>
    <message>
        <source>Your headphones or speakers</source>
        <translation>Ihre Kopfhörer oder Lautsprecher</translation>
    </message>
    <message>
        <source>Voice yo&amp;u hear</source>
        <translation>Stimme, die Sie &amp;hören</translation>
    </message>
    <message>
        <source>Voice th&amp;ey hear</source>
        <translation>Stimme, die die andere S&amp;eite hört</translation>
    </message>
    <message>
        <source>To them</source>
        <translation>Zur anderen Seite</translation>
    </message>
    <message>
        <source>To you</source>
        <translation>Zu Ihnen</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Them</source>
        <translation>Die andere Seite</translation>
    </message>
    <message>
        <source>The talk is in</source>
        <translation>Der Vortrag ist auf</translation>
    </message>
    <message>
        <source>Translate into</source>
        <translation>Übersetzen ins</translation>
    </message>
    <message>
        <source>I speak</source>
        <translation>Ich spreche</translation>
    </message>
    <message>
        <source>They speak</source>
        <translation>Die andere Seite spricht</translation>
    </message>
    <message>
        <source>Could not look for audio devices: {message}</source>
        <translation>Audiogeräte konnten nicht gesucht werden: {message}</translation>
    </message>
    <message>
        <source>Audio devices: {inputs} to listen with, {outputs} to play on.</source>
        <translation>Audiogeräte: {inputs} zum Zuhören, {outputs} zum Abspielen.</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>Sound server (PulseAudio or PipeWire)</source>
        <translation>Soundserver (PulseAudio oder PipeWire)</translation>
    </message>
    <message>
        <source>Sound server (PipeWire)</source>
        <translation>Soundserver (PipeWire)</translation>
    </message>
    <message>
        <source>{name} (system default)</source>
        <translation>{name} (Systemstandard)</translation>
    </message>
    <message>
        <source>No audio device found</source>
        <translation>Kein Audiogerät gefunden</translation>
    </message>
    <message>
        <source>No audio device found: plug in a microphone and speakers, then View → Rescan audio devices (F5).</source>
        <translation>Kein Audiogerät gefunden: Schließen Sie ein Mikrofon und Lautsprecher an, dann Ansicht → Audiogeräte neu suchen (F5).</translation>
    </message>
    <message>
        <source>Two synthetic speakers talk through the interpreter in this mode, with these languages, voices and devices. The local demo server answers: no key needed, nothing leaves this computer.</source>
        <translation>Zwei synthetische Stimmen sprechen über den Dolmetscher in diesem Modus, mit diesen Sprachen, Stimmen und Geräten. Der lokale Demoserver antwortet: kein Schlüssel nötig, nichts verlässt diesen Computer.</translation>
    </message>
    <message>
        <source>The sample conversation speaks {languages}: choose two of them.</source>
        <translation>Das Beispielgespräch spricht {languages}: Wählen Sie zwei davon.</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Verbindung wird wiederhergestellt…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt…</translation>
    </message>
    <message>
        <source>Live {time}</source>
        <translation>Live {time}</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Could not test the device: {message}</source>
        <translation>Das Gerät konnte nicht getestet werden: {message}</translation>
    </message>
    <message>
        <source>The device stopped: {reason}</source>
        <translation>Das Gerät hat aufgehört: {reason}</translation>
    </message>
    <message>
        <source>listening</source>
        <translation>hört zu</translation>
    </message>
    <message>
        <source>translating</source>
        <translation>übersetzt</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>cut short</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>nothing to translate</source>
        <translation>nichts zu übersetzen</translation>
    </message>
    <message>
        <source> · {ms} ms</source>
        <translation> · {ms} ms</translation>
    </message>
    <message>
        <source>Could not start: {message}</source>
        <translation>Start nicht möglich: {message}</translation>
    </message>
    <message>
        <source>Stopped: {message}</source>
        <translation>Gestoppt: {message}</translation>
    </message>
    <message>
        <source>Choose another device</source>
        <translation>Anderes Gerät wählen</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Open settings</source>
        <translation>Einstellungen öffnen</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Gestoppt.</translation>
    </message>
    <message>
        <source>Could not start.</source>
        <translation>Start nicht möglich.</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>verbindet…</translation>
    </message>
    <message>
        <source>live</source>
        <translation>live</translation>
    </message>
    <message>
        <source>reconnecting…</source>
        <translation>verbindet erneut…</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source> over {transport}</source>
        <translation> über {transport}</translation>
    </message>
    <message>
        <source>, last latency {ms} ms</source>
        <translation>, letzte Latenz {ms} ms</translation>
    </message>
    <message>
        <source>, {name} {percent}% left</source>
        <translation>, {name}: {percent} % übrig</translation>
    </message>
    <message>
        <source>simulated cost ${usd}</source>
        <translation>simulierte Kosten {usd} $</translation>
    </message>
    <message>
        <source>cost ${usd}</source>
        <translation>Kosten {usd} $</translation>
    </message>
    <message>
        <source>{tokens} tokens</source>
        <translation>{tokens} Token</translation>
    </message>
    <message>
        <source>{minutes} audio min</source>
        <translation>{minutes} Audio-Min.</translation>
    </message>
    <message>
        <source>audio dropouts: {count}</source>
        <translation>Audioaussetzer: {count}</translation>
    </message>
    <message>
        <source>Could not export: {error}; pick another folder</source>
        <translation>Export nicht möglich: {error}; wählen Sie einen anderen Ordner</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>Exportiert nach {path}</translation>
    </message>
    <message>
        <source>Stop interpreting first, then open a past session.</source>
        <translation>Beenden Sie zuerst das Dolmetschen, dann öffnen Sie eine frühere Sitzung.</translation>
    </message>
    <message>
        <source>Showing session {id} of {started} (read only)</source>
        <translation>Sitzung {id} vom {started} wird angezeigt (nur lesen)</translation>
    </message>
</context>
<context>
    <name>ProblemBar</name>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Dismiss the problem</source>
        <translation>Meldung schließen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>OpenAI</source>
        <translation>OpenAI</translation>
    </message>
    <message>
        <source>Azure OpenAI</source>
        <translation>Azure OpenAI</translation>
    </message>
    <message>
        <source>Custom endpoint</source>
        <translation>Eigener Endpunkt</translation>
    </message>
    <message>
        <source>Local demo (no key)</source>
        <translation>Lokale Demo (ohne Schlüssel)</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>&amp;Provider</source>
        <translation>&amp;Anbieter</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Paste a new key to replace the stored one</source>
        <translation>Neuen Schlüssel einfügen, um den gespeicherten zu ersetzen</translation>
    </message>
    <message>
        <source>Save &amp;key</source>
        <translation>Schlüssel &amp;speichern</translation>
    </message>
    <message>
        <source>Save the API key</source>
        <translation>Den API-Schlüssel speichern</translation>
    </message>
    <message>
        <source>&amp;Remove key</source>
        <translation>Schlüssel ent&amp;fernen</translation>
    </message>
    <message>
        <source>Remove the stored API key</source>
        <translation>Den gespeicherten API-Schlüssel entfernen</translation>
    </message>
    <message>
        <source>Where the API key is kept</source>
        <translation>Wo der API-Schlüssel aufbewahrt wird</translation>
    </message>
    <message>
        <source>API &amp;key</source>
        <translation>API-&amp;Schlüssel</translation>
    </message>
    <message>
        <source>Whether the service accepted the key</source>
        <translation>Ob der Dienst den Schlüssel angenommen hat</translation>
    </message>
    <message>
        <source>Endpoint base URL</source>
        <translation>Basis-URL des Endpunkts</translation>
    </message>
    <message>
        <source>&amp;Endpoint URL</source>
        <translation>&amp;Endpunkt-URL</translation>
    </message>
    <message>
        <source>Azure resource endpoint</source>
        <translation>Endpunkt der Azure-Ressource</translation>
    </message>
    <message>
        <source>Azure &amp;resource</source>
        <translation>Azure-&amp;Ressource</translation>
    </message>
    <message>
        <source>Azure deployment</source>
        <translation>Azure-Bereitstellung</translation>
    </message>
    <message>
        <source>&amp;Deployment</source>
        <translation>&amp;Bereitstellung</translation>
    </message>
    <message>
        <source>Azure API version</source>
        <translation>Azure-API-Version</translation>
    </message>
    <message>
        <source>API &amp;version</source>
        <translation>API-&amp;Version</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>WebSocket</source>
        <translation>WebSocket</translation>
    </message>
    <message>
        <source>WebRTC</source>
        <translation>WebRTC</translation>
    </message>
    <message>
        <source>Automatic (WebRTC, else WebSocket)</source>
        <translation>Automatisch (WebRTC, sonst WebSocket)</translation>
    </message>
    <message>
        <source>How each session reaches the service. WebRTC sends the audio as Opus over UDP and copes better with a lossy network; Automatic falls back to WebSocket when no call connects within 5 seconds. The Azure preview engine speaks WebSocket only.</source>
        <translation>Wie jede Sitzung den Dienst erreicht. WebRTC sendet das Audio als Opus über UDP und kommt mit einem Netz, das Pakete verliert, besser zurecht; Automatisch weicht auf WebSocket aus, wenn innerhalb von 5 Sekunden kein Anruf zustande kommt. Die Azure-Preview-Engine nutzt nur WebSocket.</translation>
    </message>
    <message>
        <source>Co&amp;nnection</source>
        <translation>Verbi&amp;ndung</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>&amp;Modell</translation>
    </message>
    <message>
        <source>Reasoning effort</source>
        <translation>Denkaufwand</translation>
    </message>
    <message>
        <source>Minimal (fastest)</source>
        <translation>Minimal (am schnellsten)</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Extra high (slowest)</source>
        <translation>Sehr hoch (am langsamsten)</translation>
    </message>
    <message>
        <source>Reasoning models (gpt-realtime-2.1-mini, …) think before they speak: more effort, more delay and more output tokens. Other models ignore it.</source>
        <translation>Denkende Modelle (gpt-realtime-2.1-mini, …) überlegen, bevor sie sprechen: mehr Aufwand, mehr Verzögerung und mehr Ausgabe-Token. Andere Modelle ignorieren es.</translation>
    </message>
    <message>
        <source>Reas&amp;oning</source>
        <translation>&amp;Denken</translation>
    </message>
    <message>
        <source>Speech and sound</source>
        <translation>Sprache und Ton</translation>
    </message>
    <message>
        <source>Turn detection</source>
        <translation>Sprecherwechsel-Erkennung</translation>
    </message>
    <message>
        <source>Pause in speech (server VAD)</source>
        <translation>Sprechpause (Server-VAD)</translation>
    </message>
    <message>
        <source>End of sentence (semantic VAD)</source>
        <translation>Satzende (semantische VAD)</translation>
    </message>
    <message>
        <source>Manual (push to talk)</source>
        <translation>Manuell (drücken zum Sprechen)</translation>
    </message>
    <message>
        <source>&amp;Turn detection</source>
        <translation>Sprecher&amp;wechsel</translation>
    </message>
    <message>
        <source>Silence that ends a turn, in milliseconds</source>
        <translation>Stille, die einen Beitrag beendet, in Millisekunden</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>&amp;Silence</source>
        <translation>S&amp;tille</translation>
    </message>
    <message>
        <source>Noise reduction</source>
        <translation>Rauschunterdrückung</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>Headset (near field)</source>
        <translation>Headset (Nahfeld)</translation>
    </message>
    <message>
        <source>Laptop or room microphone (far field)</source>
        <translation>Laptop- oder Raummikrofon (Fernfeld)</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>&amp;Noise reduction</source>
        <translation>&amp;Rauschunterdrückung</translation>
    </message>
    <message>
        <source>Ducking depth of the original voice, in dB</source>
        <translation>Absenkung der Originalstimme, in dB</translation>
    </message>
    <message>
        <source> dB</source>
        <translation> dB</translation>
    </message>
    <message>
        <source>D&amp;ucking</source>
        <translation>Ab&amp;senkung</translation>
    </message>
    <message>
        <source>Echo guard</source>
        <translation>Echoschutz</translation>
    </message>
    <message>
        <source>On</source>
        <translation>An</translation>
    </message>
    <message>
        <source>Ec&amp;ho guard</source>
        <translation>&amp;Echoschutz</translation>
    </message>
    <message>
        <source>Translation</source>
        <translation>Übersetzung</translation>
    </message>
    <message>
        <source>Previous turns kept as context</source>
        <translation>Frühere Beiträge als Kontext</translation>
    </message>
    <message>
        <source>Con&amp;text turns</source>
        <translation>&amp;Kontext-Beiträge</translation>
    </message>
    <message>
        <source>Glossary, one term = translation per line</source>
        <translation>Glossar, ein Begriff = Übersetzung pro Zeile</translation>
    </message>
    <message>
        <source>Acme Cloud = Acme Cloud
chart = gráfico</source>
        <translation>Acme Cloud = Acme Cloud
chart = Diagramm</translation>
    </message>
    <message>
        <source>&amp;Glossary</source>
        <translation>&amp;Glossar</translation>
    </message>
    <message>
        <source>Extra instructions for the translator</source>
        <translation>Zusätzliche Anweisungen für den Übersetzer</translation>
    </message>
    <message>
        <source>e.g. Use a formal register.</source>
        <translation>z. B. Verwende eine förmliche Sprache.</translation>
    </message>
    <message>
        <source>&amp;Instructions</source>
        <translation>&amp;Anweisungen</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Sprache der Oberfläche</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>A new language applies the next time Translator starts.</source>
        <translation>Eine neue Sprache gilt ab dem nächsten Start von Translator.</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>S&amp;prache</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>T&amp;heme</source>
        <translation>&amp;Design</translation>
    </message>
    <message>
        <source>Settings message</source>
        <translation>Meldung der Einstellungen</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>&amp;Zurücksetzen</translation>
    </message>
    <message>
        <source>Revert to the saved settings</source>
        <translation>Zu den gespeicherten Einstellungen zurückkehren</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Übernehmen</translation>
    </message>
    <message>
        <source>Apply the settings</source>
        <translation>Die Einstellungen übernehmen</translation>
    </message>
    <message>
        <source>glossary line {n}: write it as term = translation</source>
        <translation>Glossarzeile {n}: schreiben Sie sie als Begriff = Übersetzung</translation>
    </message>
    <message>
        <source>Not applied: {reason}</source>
        <translation>Nicht übernommen: {reason}</translation>
    </message>
    <message>
        <source>Settings applied.</source>
        <translation>Einstellungen übernommen.</translation>
    </message>
    <message>
        <source>Paste a key first.</source>
        <translation>Fügen Sie zuerst einen Schlüssel ein.</translation>
    </message>
    <message>
        <source>Checking the key with the service…</source>
        <translation>Der Schlüssel wird beim Dienst geprüft…</translation>
    </message>
    <message>
        <source>✓ The service accepted the key.</source>
        <translation>✓ Der Dienst hat den Schlüssel angenommen.</translation>
    </message>
    <message>
        <source>✗ {problem}</source>
        <translation>✗ {problem}</translation>
    </message>
    <message>
        <source>The local demo needs no key.</source>
        <translation>Die lokale Demo braucht keinen Schlüssel.</translation>
    </message>
    <message>
        <source>Key stored in the OS keyring.</source>
        <translation>Schlüssel im Schlüsselbund des Systems gespeichert.</translation>
    </message>
    <message>
        <source>Key kept for this session only: no keyring on this system.</source>
        <translation>Schlüssel nur für diese Sitzung behalten: Dieses System hat keinen Schlüsselbund.</translation>
    </message>
    <message>
        <source>No key saved.</source>
        <translation>Kein Schlüssel gespeichert.</translation>
    </message>
    <message>
        <source>Key taken from the environment variable {name}.</source>
        <translation>Schlüssel aus der Umgebungsvariablen {name}.</translation>
    </message>
    <message>
        <source>Key given on the command line.</source>
        <translation>Schlüssel auf der Kommandozeile angegeben.</translation>
    </message>
</context>
<context>
    <name>SettingsWindow</name>
    <message>
        <source>Settings — Translator</source>
        <translation>Einstellungen — Translator</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
</context>
<context>
    <name>SubtitleOverlay</name>
    <message>
        <source>Subtitles</source>
        <translation>Untertitel</translation>
    </message>
    <message>
        <source>Original speech</source>
        <translation>Originalsprache</translation>
    </message>
    <message>
        <source>Latest translation</source>
        <translation>Letzte Übersetzung</translation>
    </message>
    <message>
        <source>Resize subtitles</source>
        <translation>Untertitelgröße ändern</translation>
    </message>
</context>
</TS>
