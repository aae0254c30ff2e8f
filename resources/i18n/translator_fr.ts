<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>Export</name>
    <message>
        <source>Plain text</source>
        <translation>Texte brut</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <source>JSON (transcript data)</source>
        <translation>JSON (données de la transcription)</translation>
    </message>
    <message>
        <source>CSV spreadsheet</source>
        <translation>Tableur CSV</translation>
    </message>
    <message>
        <source>SubRip subtitles</source>
        <translation>Sous-titres SubRip</translation>
    </message>
    <message>
        <source>WebVTT subtitles</source>
        <translation>Sous-titres WebVTT</translation>
    </message>
    <message>
        <source>Word document</source>
        <translation>Document Word</translation>
    </message>
    <message>
        <source>Original and translation</source>
        <translation>Original et traduction</translation>
    </message>
    <message>
        <source>Translation only</source>
        <translation>Traduction seule</translation>
    </message>
    <message>
        <source>Original only</source>
        <translation>Original seul</translation>
    </message>
    <message>
        <source>Texts to export</source>
        <translation>Textes à exporter</translation>
    </message>
    <message>
        <source>&amp;Texts:</source>
        <translation>&amp;Textes :</translation>
    </message>
    <message>
        <source>Export transcript</source>
        <translation>Exporter la transcription</translation>
    </message>
    <message>
        <source>Choose the export file</source>
        <translation>Choisir le fichier d&apos;export</translation>
    </message>
    <message>
        <source>Replace file?</source>
        <translation>Remplacer le fichier ?</translation>
    </message>
    <message>
        <source>{name} exists. Replace it?</source>
        <translation>{name} existe déjà. Le remplacer ?</translation>
    </message>
</context>
<context>
    <name>FirstRunPanel</name>
    <message>
        <source>Welcome</source>
        <translation>Bienvenue</translation>
    </message>
    <message>
        <source>Welcome to Translator</source>
        <translation>Bienvenue dans Translator</translation>
    </message>
    <message>
        <source>Translator interprets speech live between two languages. Try it now with the built-in demo, or use your OpenAI API key to translate for real.</source>
        <translation>Translator interprète la parole en direct entre deux langues. Essayez-le tout de suite avec la démo intégrée, ou utilisez votre clé d&apos;API OpenAI pour traduire pour de vrai.</translation>
    </message>
    <message>
        <source>What Translator does</source>
        <translation>Ce que fait Translator</translation>
    </message>
    <message>
        <source>Try the &amp;demo</source>
        <translation>Essayer la &amp;démo</translation>
    </message>
    <message>
        <source>Try the demo without a key</source>
        <translation>Essayer la démo sans clé</translation>
    </message>
    <message>
        <source>Or paste your OpenAI API key (from platform.openai.com, API keys). It is kept in your system&apos;s keyring, never in a file.</source>
        <translation>Ou collez votre clé d&apos;API OpenAI (sur platform.openai.com, API keys). Elle est gardée dans le trousseau du système, jamais dans un fichier.</translation>
    </message>
    <message>
        <source>About the API key</source>
        <translation>À propos de la clé d&apos;API</translation>
    </message>
    <message>
        <source>OpenAI API key</source>
        <translation>Clé d&apos;API OpenAI</translation>
    </message>
    <message>
        <source>&amp;Use my OpenAI key</source>
        <translation>&amp;Utiliser ma clé OpenAI</translation>
    </message>
    <message>
        <source>Save the key and start</source>
        <translation>Enregistrer la clé et commencer</translation>
    </message>
    <message>
        <source>Key status</source>
        <translation>État de la clé</translation>
    </message>
    <message>
        <source>Paste your key first, or try the demo.</source>
        <translation>Collez d&apos;abord votre clé, ou essayez la démo.</translation>
    </message>
    <message>
        <source>Key stored in the OS keyring. Ready.</source>
        <translation>Clé enregistrée dans le trousseau du système. Prêt.</translation>
    </message>
    <message>
        <source>Key kept for this session only: no keyring on this system. You will need to paste it again next time.</source>
        <translation>Clé gardée pour cette session seulement : ce système n&apos;a pas de trousseau. Il faudra la coller de nouveau la prochaine fois.</translation>
    </message>
</context>
<context>
    <name>HistoryWindow</name>
    <message>
        <source>Session history</source>
        <translation>Historique des sessions</translation>
    </message>
    <message>
        <source>Search words, names, languages…</source>
        <translation>Chercher des mots, des noms, des langues…</translation>
    </message>
    <message>
        <source>Search sessions</source>
        <translation>Chercher dans les sessions</translation>
    </message>
    <message>
        <source>Past sessions</source>
        <translation>Sessions passées</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Langues</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Utterances</source>
        <translation>Énoncés</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>History notice</source>
        <translation>Message de l&apos;historique</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <source>Open the session in the transcript</source>
        <translation>Ouvrir la session dans la transcription</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exporter</translation>
    </message>
    <message>
        <source>Export the session</source>
        <translation>Exporter la session</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>&amp;Renommer</translation>
    </message>
    <message>
        <source>Rename the session</source>
        <translation>Renommer la session</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <source>Delete the session</source>
        <translation>Supprimer la session</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Fermer</translation>
    </message>
    <message>
        <source>Close the session history</source>
        <translation>Fermer l&apos;historique des sessions</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>terminée</translation>
    </message>
    <message>
        <source>unfinished</source>
        <translation>inachevée</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>Écouter</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Appel</translation>
    </message>
    <message>
        <source>Face-to-face</source>
        <translation>Face à face</translation>
    </message>
    <message>
        <source>Could not rename: {error}</source>
        <translation>Impossible de renommer : {error}</translation>
    </message>
    <message>
        <source>Renamed to {title}.</source>
        <translation>Renommée en {title}.</translation>
    </message>
    <message>
        <source>Could not export: {error}; pick another folder</source>
        <translation>Impossible d&apos;exporter : {error} ; choisissez un autre dossier</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>Exporté vers {path}</translation>
    </message>
    <message>
        <source>Delete session?</source>
        <translation>Supprimer la session ?</translation>
    </message>
    <message>
        <source>Delete session {id} ({started}) and its transcript? This cannot be undone.</source>
        <translation>Supprimer la session {id} ({started}) et sa transcription ? C&apos;est définitif.</translation>
    </message>
    <message>
        <source>Could not delete: {error}</source>
        <translation>Impossible de supprimer : {error}</translation>
    </message>
</context>
<context>
    <name>KeyShape</name>
    <message>
        <source>That is not a key: a key is one word, without spaces. Paste the key alone.</source>
        <translation>Ce n&apos;est pas une clé : une clé est un seul mot, sans espaces. Collez la clé seule.</translation>
    </message>
    <message>
        <source>OpenAI keys start with sk-. Paste the whole key.</source>
        <translation>Les clés OpenAI commencent par sk-. Collez la clé entière.</translation>
    </message>
    <message>
        <source>That is too short for a key. Paste the whole key.</source>
        <translation>C&apos;est trop court pour une clé. Collez la clé entière.</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <source>{rms:.0f} dBFS, peak {peak:.0f} dBFS</source>
        <translation>{rms:.0f} dBFS, crête {peak:.0f} dBFS</translation>
    </message>
    <message>
        <source>silent</source>
        <translation>silence</translation>
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
        <translation>Fenêtre principale de Translator</translation>
    </message>
    <message>
        <source>Demo mode: translations come from the built-in local server, not from OpenAI. To translate for real, open Settings (Ctrl+,), choose a provider and save your API key (or set OPENAI_API_KEY), then press Start.</source>
        <translation>Mode démo : les traductions viennent du serveur local intégré, pas d&apos;OpenAI. Pour traduire pour de vrai, ouvrez les Réglages (Ctrl+,), choisissez un fournisseur et enregistrez votre clé d&apos;API (ou définissez OPENAI_API_KEY), puis appuyez sur Démarrer.</translation>
    </message>
    <message>
        <source>Demo mode notice</source>
        <translation>Avis du mode démo</translation>
    </message>
    <message>
        <source>Language A</source>
        <translation>Langue A</translation>
    </message>
    <message>
        <source>Language B</source>
        <translation>Langue B</translation>
    </message>
    <message>
        <source>Swap languages</source>
        <translation>Inverser les langues</translation>
    </message>
    <message>
        <source>Service and model</source>
        <translation>Service et modèle</translation>
    </message>
    <message>
        <source>&amp;Change…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>Change the service or model in Settings</source>
        <translation>Modifier le service ou le modèle dans les Réglages</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>Écouter</translation>
    </message>
    <message>
        <source>Hear a talk, a video or a meeting in your language, one way.</source>
        <translation>Écoutez une conférence, une vidéo ou une réunion dans votre langue, dans un seul sens.</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Appel</translation>
    </message>
    <message>
        <source>A Zoom, Teams or Meet call, both ways: the call hears your translation through a virtual cable, you hear theirs.</source>
        <translation>Un appel Zoom, Teams ou Meet, dans les deux sens : l&apos;appel entend votre traduction par un câble virtuel, vous entendez la leur.</translation>
    </message>
    <message>
        <source>Face to face</source>
        <translation>Face à face</translation>
    </message>
    <message>
        <source>Two people at this computer, each speaking their own language.</source>
        <translation>Deux personnes devant cet ordinateur, chacune dans sa langue.</translation>
    </message>
    <message>
        <source>Voice for A to B</source>
        <translation>Voix de A vers B</translation>
    </message>
    <message>
        <source>Voice for B to A</source>
        <translation>Voix de B vers A</translation>
    </message>
    <message>
        <source>Input device</source>
        <translation>Périphérique d&apos;entrée</translation>
    </message>
    <message>
        <source>Output device</source>
        <translation>Périphérique de sortie</translation>
    </message>
    <message>
        <source>Their audio (call)</source>
        <translation>Leur son (appel)</translation>
    </message>
    <message>
        <source>Your headphones (call)</source>
        <translation>Votre casque (appel)</translation>
    </message>
    <message>
        <source>Input level</source>
        <translation>Niveau d&apos;entrée</translation>
    </message>
    <message>
        <source>Output level</source>
        <translation>Niveau de sortie</translation>
    </message>
    <message>
        <source>Their audio level</source>
        <translation>Niveau de leur son</translation>
    </message>
    <message>
        <source>Headphones level</source>
        <translation>Niveau du casque</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Tester</translation>
    </message>
    <message>
        <source>Meter this device now, before Start: speak and watch</source>
        <translation>Mesurer ce périphérique maintenant, avant Démarrer : parlez et regardez</translation>
    </message>
    <message>
        <source>Play a short test sound on this device</source>
        <translation>Jouer un court son d&apos;essai sur ce périphérique</translation>
    </message>
    <message>
        <source>Test {device}</source>
        <translation>Tester {device}</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>Start or stop interpreting</source>
        <translation>Démarrer ou arrêter l&apos;interprétation</translation>
    </message>
    <message>
        <source>Play a sample conversation</source>
        <translation>Écouter une conversation d&apos;exemple</translation>
    </message>
    <message>
        <source>Run time</source>
        <translation>Durée en cours</translation>
    </message>
    <message>
        <source>Live transcript</source>
        <translation>Transcription en direct</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Locuteur</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Translation</source>
        <translation>Traduction</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>What is said and its translation appear here. Press Start and speak, or play a sample conversation to see how it works.</source>
        <translation>Ce qui est dit et sa traduction apparaissent ici. Appuyez sur Démarrer et parlez, ou écoutez une conversation d&apos;exemple pour voir comment ça marche.</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <source>Session status</source>
        <translation>État de la session</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Export transcript</source>
        <translation>&amp;Exporter la transcription</translation>
    </message>
    <message>
        <source>{label} (.{suffix})…</source>
        <translation>{label} (.{suffix})…</translation>
    </message>
    <message>
        <source>Session &amp;history</source>
        <translation>&amp;Historique des sessions</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>S&amp;ubtitles overlay</source>
        <translation>&amp;Sous-titres superposés</translation>
    </message>
    <message>
        <source>&amp;Rescan audio devices</source>
        <translation>&amp;Rechercher les périphériques audio</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>Ré&amp;glages…</translation>
    </message>
    <message>
        <source>Manual turn detection (Settings): hold the talk button while you speak; releasing it ends the utterance.</source>
        <translation>Détection manuelle des tours (Réglages) : maintenez le bouton de parole pendant que vous parlez ; le relâcher termine l&apos;énoncé.</translation>
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
        <translation>Point d&apos;accès personnalisé</translation>
    </message>
    <message>
        <source>Local demo server</source>
        <translation>Serveur de démo local</translation>
    </message>
    <message>
        <source>Local demo server: {provider} needs a key</source>
        <translation>Serveur de démo local : {provider} demande une clé</translation>
    </message>
    <message>
        <source>Model retirement notice</source>
        <translation>Avis de retrait du modèle</translation>
    </message>
    <message>
        <source>Switch to the successor model</source>
        <translation>Passer au modèle successeur</translation>
    </message>
    <message>
        <source>{model} was shut down by OpenAI on {date}.</source>
        <translation>{model} a été arrêté par OpenAI le {date}.</translation>
    </message>
    <message>
        <source>Sessions with it are refused.</source>
        <translation>Les sessions avec lui sont refusées.</translation>
    </message>
    <message>
        <source>{model} shuts down on OpenAI on {date}.</source>
        <translation>{model} s&apos;arrête chez OpenAI le {date}.</translation>
    </message>
    <message>
        <source>{days} days left.</source>
        <translation>Plus que {days} jours.</translation>
    </message>
    <message>
        <source>Last day.</source>
        <translation>Dernier jour.</translation>
    </message>
    <message>
        <source>Its successor is {successor}.</source>
        <translation>Son successeur est {successor}.</translation>
    </message>
    <message>
        <source>Switch to {model}</source>
        <translation>Passer à {model}</translation>
    </message>
    <message>
        <source>Switched to {model}.</source>
        <translation>Passé à {model}.</translation>
    </message>
    <message>
        <source>The new interface language applies at the next start.</source>
        <translation>La nouvelle langue de l&apos;interface s&apos;applique au prochain démarrage.</translation>
    </message>
    <message>
        <source>The service accepted the key.</source>
        <translation>Le service a accepté la clé.</translation>
    </message>
    <message>
        <source>The key was not accepted: {message}</source>
        <translation>La clé n&apos;a pas été acceptée : {message}</translation>
    </message>
    <message>
        <source>Settings not saved: {error}</source>
        <translation>Réglages non enregistrés : {error}</translation>
    </message>
    <message>
        <source>Talk mode</source>
        <translation>Mode de parole</translation>
    </message>
    <message>
        <source>Auto (always listening)</source>
        <translation>Auto (écoute toujours)</translation>
    </message>
    <message>
        <source>Push-to-talk</source>
        <translation>Appuyer pour parler</translation>
    </message>
    <message>
        <source>&amp;Talk</source>
        <translation>&amp;Parler</translation>
    </message>
    <message>
        <source>you</source>
        <translation>vous</translation>
    </message>
    <message>
        <source>them</source>
        <translation>eux</translation>
    </message>
    <message>
        <source>Hold to talk: {side} ({key})</source>
        <translation>Maintenir pour parler : {side} ({key})</translation>
    </message>
    <message>
        <source>Hold to talk, side {side}</source>
        <translation>Maintenir pour parler, côté {side}</translation>
    </message>
    <message>
        <source>Your &amp;microphone</source>
        <translation>Votre &amp;micro</translation>
    </message>
    <message>
        <source>What you say, to be translated</source>
        <translation>Ce que vous dites, à traduire</translation>
    </message>
    <message>
        <source>To the ca&amp;ll</source>
        <translation>Vers l&apos;a&amp;ppel</translation>
    </message>
    <message>
        <source>A virtual cable the call app takes as its microphone</source>
        <translation>Un câble virtuel que l&apos;application d&apos;appel prend comme micro</translation>
    </message>
    <message>
        <source>Fr&amp;om the call</source>
        <translation>&amp;Depuis l&apos;appel</translation>
    </message>
    <message>
        <source>A virtual cable the call app plays the other side into</source>
        <translation>Un câble virtuel dans lequel l&apos;application d&apos;appel joue l&apos;autre partie</translation>
    </message>
    <message>
        <source>Your &amp;headphones</source>
        <translation>Votre &amp;casque</translation>
    </message>
    <message>
        <source>Where you hear the other side&apos;s translation</source>
        <translation>Là où vous entendez la traduction de l&apos;autre partie</translation>
    </message>
    <message>
        <source>&amp;Microphone</source>
        <translation>&amp;Micro</translation>
    </message>
    <message>
        <source>Hears both of you</source>
        <translation>Vous entend tous les deux</translation>
    </message>
    <message>
        <source>&amp;Speakers</source>
        <translation>&amp;Haut-parleurs</translation>
    </message>
    <message>
        <source>Both of you hear the translations</source>
        <translation>Vous entendez tous les deux les traductions</translation>
    </message>
    <message>
        <source>&amp;Listen to</source>
        <translation>É&amp;couter</translation>
    </message>
    <message>
        <source>The talk: a microphone, or the computer&apos;s own sound</source>
        <translation>La conférence : un micro, ou le son de l&apos;ordinateur lui-même</translation>
    </message>
    <message>
        <source>&amp;Hear on</source>
        <translation>Entendre &amp;sur</translation>
    </message>
    <message>
        <source>Your headphones or speakers</source>
        <translation>Votre casque ou vos haut-parleurs</translation>
    </message>
    <message>
        <source>Voice yo&amp;u hear</source>
        <translation>Voix que vous &amp;entendez</translation>
    </message>
    <message>
        <source>Voice th&amp;ey hear</source>
        <translation>Voix que l&apos;autre ent&amp;end</translation>
    </message>
    <message>
        <source>To them</source>
        <translation>Vers l&apos;autre</translation>
    </message>
    <message>
        <source>To you</source>
        <translation>Vers vous</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Vous</translation>
    </message>
    <message>
        <source>Them</source>
        <translation>L&apos;autre</translation>
    </message>
    <message>
        <source>The talk is in</source>
        <translation>La conférence est en</translation>
    </message>
    <message>
        <source>Translate into</source>
        <translation>Traduire en</translation>
    </message>
    <message>
        <source>I speak</source>
        <translation>Je parle</translation>
    </message>
    <message>
        <source>They speak</source>
        <translation>L&apos;autre parle</translation>
    </message>
    <message>
        <source>Could not look for audio devices: {message}</source>
        <translation>Impossible de chercher les périphériques audio : {message}</translation>
    </message>
    <message>
        <source>Audio devices: {inputs} to listen with, {outputs} to play on.</source>
        <translation>Périphériques audio : {inputs} pour écouter, {outputs} pour jouer.</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Par défaut du système</translation>
    </message>
    <message>
        <source>Sound server (PulseAudio or PipeWire)</source>
        <translation>Serveur de son (PulseAudio ou PipeWire)</translation>
    </message>
    <message>
        <source>Sound server (PipeWire)</source>
        <translation>Serveur de son (PipeWire)</translation>
    </message>
    <message>
        <source>{name} (system default)</source>
        <translation>{name} (par défaut du système)</translation>
    </message>
    <message>
        <source>No audio device found</source>
        <translation>Aucun périphérique audio trouvé</translation>
    </message>
    <message>
        <source>No audio device found: plug in a microphone and speakers, then View → Rescan audio devices (F5).</source>
        <translation>Aucun périphérique audio trouvé : branchez un micro et des haut-parleurs, puis Affichage → Rechercher les périphériques audio (F5).</translation>
    </message>
    <message>
        <source>Two synthetic speakers talk through the interpreter in this mode, with these languages, voices and devices. The local demo server answers: no key needed, nothing leaves this computer.</source>
        <translation>Deux voix de synthèse se parlent à travers l&apos;interprète dans ce mode, avec ces langues, voix et périphériques. Le serveur de démo local répond : aucune clé, rien ne quitte cet ordinateur.</translation>
    </message>
    <message>
        <source>The sample conversation speaks {languages}: choose two of them.</source>
        <translation>La conversation d&apos;exemple parle {languages} : choisissez-en deux.</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconnexion…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Live {time}</source>
        <translation>En direct {time}</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Could not test the device: {message}</source>
        <translation>Impossible de tester le périphérique : {message}</translation>
    </message>
    <message>
        <source>The device stopped: {reason}</source>
        <translation>Le périphérique s&apos;est arrêté : {reason}</translation>
    </message>
    <message>
        <source>listening</source>
        <translation>écoute</translation>
    </message>
    <message>
        <source>translating</source>
        <translation>traduction</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fait</translation>
    </message>
    <message>
        <source>cut short</source>
        <translation>interrompu</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>arrêté</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <source>nothing to translate</source>
        <translation>rien à traduire</translation>
    </message>
    <message>
        <source> · {ms} ms</source>
        <translation> · {ms} ms</translation>
    </message>
    <message>
        <source>Could not start: {message}</source>
        <translation>Impossible de démarrer : {message}</translation>
    </message>
    <message>
        <source>Stopped: {message}</source>
        <translation>Arrêté : {message}</translation>
    </message>
    <message>
        <source>Choose another device</source>
        <translation>Choisir un autre périphérique</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Open settings</source>
        <translation>Ouvrir les réglages</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Arrêté.</translation>
    </message>
    <message>
        <source>Could not start.</source>
        <translation>Impossible de démarrer.</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>connexion…</translation>
    </message>
    <message>
        <source>live</source>
        <translation>en direct</translation>
    </message>
    <message>
        <source>reconnecting…</source>
        <translation>reconnexion…</translation>
    </message>
    <message>
        <source>error</source>
        <translation>erreur</translation>
    </message>
    <message>
        <source> over {transport}</source>
        <translation> via {transport}</translation>
    </message>
    <message>
        <source>, last latency {ms} ms</source>
        <translation>, dernière latence {ms} ms</translation>
    </message>
    <message>
        <source>, {name} {percent}% left</source>
        <translation>, {name} : reste {percent} %</translation>
    </message>
    <message>
        <source>simulated cost ${usd}</source>
        <translation>coût simulé {usd} $</translation>
    </message>
    <message>
        <source>cost ${usd}</source>
        <translation>coût {usd} $</translation>
    </message>
    <message>
        <source>{tokens} tokens</source>
        <translation>{tokens} jetons</translation>
    </message>
    <message>
        <source>{minutes} audio min</source>
        <translation>{minutes} min d&apos;audio</translation>
    </message>
    <message>
        <source>audio dropouts: {count}</source>
        <translation>coupures audio : {count}</translation>
    </message>
    <message>
        <source>Could not export: {error}; pick another folder</source>
        <translation>Impossible d&apos;exporter : {error} ; choisissez un autre dossier</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>Exporté vers {path}</translation>
    </message>
    <message>
        <source>Stop interpreting first, then open a past session.</source>
        <translation>Arrêtez d&apos;abord l&apos;interprétation, puis ouvrez une session passée.</translation>
    </message>
    <message>
        <source>Showing session {id} of {started} (read only)</source>
        <translation>Session {id} du {started} affichée (lecture seule)</translation>
    </message>
</context>
<context>
    <name>ProblemBar</name>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Dismiss the problem</source>
        <translation>Fermer le message</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Fournisseur</translation>
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
        <translation>Point d&apos;accès personnalisé</translation>
    </message>
    <message>
        <source>Local demo (no key)</source>
        <translation>Démo locale (sans clé)</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>&amp;Provider</source>
        <translation>&amp;Fournisseur</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clé d&apos;API</translation>
    </message>
    <message>
        <source>Paste a new key to replace the stored one</source>
        <translation>Collez une nouvelle clé pour remplacer celle enregistrée</translation>
    </message>
    <message>
        <source>Save &amp;key</source>
        <translation>Enregistrer la &amp;clé</translation>
    </message>
    <message>
        <source>Save the API key</source>
        <translation>Enregistrer la clé d&apos;API</translation>
    </message>
    <message>
        <source>&amp;Remove key</source>
        <translation>&amp;Retirer la clé</translation>
    </message>
    <message>
        <source>Remove the stored API key</source>
        <translation>Retirer la clé d&apos;API enregistrée</translation>
    </message>
    <message>
        <source>Where the API key is kept</source>
        <translation>Où la clé d&apos;API est gardée</translation>
    </message>
    <message>
        <source>API &amp;key</source>
        <translation>Clé d&apos;&amp;API</translation>
    </message>
    <message>
        <source>Whether the service accepted the key</source>
        <translation>Si le service a accepté la clé</translation>
    </message>
    <message>
        <source>Endpoint base URL</source>
        <translation>URL de base du point d&apos;accès</translation>
    </message>
    <message>
        <source>&amp;Endpoint URL</source>
        <translation>URL du point d&apos;&amp;accès</translation>
    </message>
    <message>
        <source>Azure resource endpoint</source>
        <translation>Point d&apos;accès de la ressource Azure</translation>
    </message>
    <message>
        <source>Azure &amp;resource</source>
        <translation>&amp;Ressource Azure</translation>
    </message>
    <message>
        <source>Azure deployment</source>
        <translation>Déploiement Azure</translation>
    </message>
    <message>
        <source>&amp;Deployment</source>
        <translation>&amp;Déploiement</translation>
    </message>
    <message>
        <source>Azure API version</source>
        <translation>Version de l&apos;API Azure</translation>
    </message>
    <message>
        <source>API &amp;version</source>
        <translation>&amp;Version de l&apos;API</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
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
        <translation>Automatique (WebRTC, sinon WebSocket)</translation>
    </message>
    <message>
        <source>How each session reaches the service. WebRTC sends the audio as Opus over UDP and copes better with a lossy network; Automatic falls back to WebSocket when no call connects within 5 seconds. The Azure preview engine speaks WebSocket only.</source>
        <translation>Comment chaque session joint le service. WebRTC envoie l’audio en Opus sur UDP et résiste mieux à un réseau qui perd des paquets ; Automatique se rabat sur WebSocket si aucun appel ne se connecte en 5 secondes. Le moteur Azure en préversion n’utilise que WebSocket.</translation>
    </message>
    <message>
        <source>Co&amp;nnection</source>
        <translation>Co&amp;nnexion</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>&amp;Modèle</translation>
    </message>
    <message>
        <source>Reasoning effort</source>
        <translation>Effort de raisonnement</translation>
    </message>
    <message>
        <source>Minimal (fastest)</source>
        <translation>Minimal (le plus rapide)</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Faible</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Moyen</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Élevé</translation>
    </message>
    <message>
        <source>Extra high (slowest)</source>
        <translation>Très élevé (le plus lent)</translation>
    </message>
    <message>
        <source>Reasoning models (gpt-realtime-2.1-mini, …) think before they speak: more effort, more delay and more output tokens. Other models ignore it.</source>
        <translation>Les modèles à raisonnement (gpt-realtime-2.1-mini, …) réfléchissent avant de parler : plus d&apos;effort, plus de délai et plus de jetons produits. Les autres modèles l&apos;ignorent.</translation>
    </message>
    <message>
        <source>Reas&amp;oning</source>
        <translation>Rais&amp;onnement</translation>
    </message>
    <message>
        <source>Speech and sound</source>
        <translation>Parole et son</translation>
    </message>
    <message>
        <source>Turn detection</source>
        <translation>Détection des tours de parole</translation>
    </message>
    <message>
        <source>Pause in speech (server VAD)</source>
        <translation>Pause dans la parole (VAD du serveur)</translation>
    </message>
    <message>
        <source>End of sentence (semantic VAD)</source>
        <translation>Fin de phrase (VAD sémantique)</translation>
    </message>
    <message>
        <source>Manual (push to talk)</source>
        <translation>Manuel (appuyer pour parler)</translation>
    </message>
    <message>
        <source>&amp;Turn detection</source>
        <translation>Détection des &amp;tours</translation>
    </message>
    <message>
        <source>Silence that ends a turn, in milliseconds</source>
        <translation>Silence qui termine un tour, en millisecondes</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>&amp;Silence</source>
        <translation>&amp;Silence</translation>
    </message>
    <message>
        <source>Noise reduction</source>
        <translation>Réduction du bruit</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatique</translation>
    </message>
    <message>
        <source>Headset (near field)</source>
        <translation>Casque (champ proche)</translation>
    </message>
    <message>
        <source>Laptop or room microphone (far field)</source>
        <translation>Micro d&apos;ordinateur ou de salle (champ lointain)</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <source>&amp;Noise reduction</source>
        <translation>Réduction du &amp;bruit</translation>
    </message>
    <message>
        <source>Ducking depth of the original voice, in dB</source>
        <translation>Atténuation de la voix originale, en dB</translation>
    </message>
    <message>
        <source> dB</source>
        <translation> dB</translation>
    </message>
    <message>
        <source>D&amp;ucking</source>
        <translation>Att&amp;énuation</translation>
    </message>
    <message>
        <source>Echo guard</source>
        <translation>Protection contre l&apos;écho</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Activé</translation>
    </message>
    <message>
        <source>Ec&amp;ho guard</source>
        <translation>Protection contre l&apos;é&amp;cho</translation>
    </message>
    <message>
        <source>Translation</source>
        <translation>Traduction</translation>
    </message>
    <message>
        <source>Previous turns kept as context</source>
        <translation>Tours précédents gardés comme contexte</translation>
    </message>
    <message>
        <source>Con&amp;text turns</source>
        <translation>Tours de con&amp;texte</translation>
    </message>
    <message>
        <source>Glossary, one term = translation per line</source>
        <translation>Glossaire, un terme = traduction par ligne</translation>
    </message>
    <message>
        <source>Acme Cloud = Acme Cloud
chart = gráfico</source>
        <translation>Acme Cloud = Acme Cloud
chart = graphique</translation>
    </message>
    <message>
        <source>&amp;Glossary</source>
        <translation>&amp;Glossaire</translation>
    </message>
    <message>
        <source>Extra instructions for the translator</source>
        <translation>Consignes supplémentaires pour le traducteur</translation>
    </message>
    <message>
        <source>e.g. Use a formal register.</source>
        <translation>p. ex. Utilisez un registre soutenu.</translation>
    </message>
    <message>
        <source>&amp;Instructions</source>
        <translation>&amp;Consignes</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Apparence</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Langue de l&apos;interface</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>A new language applies the next time Translator starts.</source>
        <translation>Une nouvelle langue s&apos;applique au prochain démarrage de Translator.</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thème</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Système</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <source>T&amp;heme</source>
        <translation>T&amp;hème</translation>
    </message>
    <message>
        <source>Settings message</source>
        <translation>Message des réglages</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>Ann&amp;uler les modifications</translation>
    </message>
    <message>
        <source>Revert to the saved settings</source>
        <translation>Revenir aux réglages enregistrés</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>A&amp;ppliquer</translation>
    </message>
    <message>
        <source>Apply the settings</source>
        <translation>Appliquer les réglages</translation>
    </message>
    <message>
        <source>glossary line {n}: write it as term = translation</source>
        <translation>ligne {n} du glossaire : écrivez-la sous la forme terme = traduction</translation>
    </message>
    <message>
        <source>Not applied: {reason}</source>
        <translation>Non appliqué : {reason}</translation>
    </message>
    <message>
        <source>Settings applied.</source>
        <translation>Réglages appliqués.</translation>
    </message>
    <message>
        <source>Paste a key first.</source>
        <translation>Collez d&apos;abord une clé.</translation>
    </message>
    <message>
        <source>Checking the key with the service…</source>
        <translation>Vérification de la clé auprès du service…</translation>
    </message>
    <message>
        <source>✓ The service accepted the key.</source>
        <translation>✓ Le service a accepté la clé.</translation>
    </message>
    <message>
        <source>✗ {problem}</source>
        <translation>✗ {problem}</translation>
    </message>
    <message>
        <source>The local demo needs no key.</source>
        <translation>La démo locale n&apos;a pas besoin de clé.</translation>
    </message>
    <message>
        <source>Key stored in the OS keyring.</source>
        <translation>Clé enregistrée dans le trousseau du système.</translation>
    </message>
    <message>
        <source>Key kept for this session only: no keyring on this system.</source>
        <translation>Clé gardée pour cette session seulement : ce système n&apos;a pas de trousseau.</translation>
    </message>
    <message>
        <source>No key saved.</source>
        <translation>Aucune clé enregistrée.</translation>
    </message>
    <message>
        <source>Key taken from the environment variable {name}.</source>
        <translation>Clé prise dans la variable d&apos;environnement {name}.</translation>
    </message>
    <message>
        <source>Key given on the command line.</source>
        <translation>Clé donnée sur la ligne de commande.</translation>
    </message>
</context>
<context>
    <name>SettingsWindow</name>
    <message>
        <source>Settings — Translator</source>
        <translation>Réglages — Translator</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Réglages</translation>
    </message>
</context>
<context>
    <name>SubtitleOverlay</name>
    <message>
        <source>Subtitles</source>
        <translation>Sous-titres</translation>
    </message>
    <message>
        <source>Original speech</source>
        <translation>Parole originale</translation>
    </message>
    <message>
        <source>Latest translation</source>
        <translation>Dernière traduction</translation>
    </message>
    <message>
        <source>Resize subtitles</source>
        <translation>Redimensionner les sous-titres</translation>
    </message>
</context>
</TS>
