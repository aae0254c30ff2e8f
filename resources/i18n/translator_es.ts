<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>Export</name>
    <message>
        <source>Plain text</source>
        <translation>Texto sin formato</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <source>JSON (transcript data)</source>
        <translation>JSON (datos de la transcripción)</translation>
    </message>
    <message>
        <source>CSV spreadsheet</source>
        <translation>Hoja de cálculo CSV</translation>
    </message>
    <message>
        <source>SubRip subtitles</source>
        <translation>Subtítulos SubRip</translation>
    </message>
    <message>
        <source>WebVTT subtitles</source>
        <translation>Subtítulos WebVTT</translation>
    </message>
    <message>
        <source>Word document</source>
        <translation>Documento de Word</translation>
    </message>
    <message>
        <source>Original and translation</source>
        <translation>Original y traducción</translation>
    </message>
    <message>
        <source>Translation only</source>
        <translation>Solo la traducción</translation>
    </message>
    <message>
        <source>Original only</source>
        <translation>Solo el original</translation>
    </message>
    <message>
        <source>Texts to export</source>
        <translation>Textos que exportar</translation>
    </message>
    <message>
        <source>&amp;Texts:</source>
        <translation>&amp;Textos:</translation>
    </message>
    <message>
        <source>Export transcript</source>
        <translation>Exportar transcripción</translation>
    </message>
    <message>
        <source>Choose the export file</source>
        <translation>Elegir el archivo de exportación</translation>
    </message>
    <message>
        <source>Replace file?</source>
        <translation>¿Reemplazar el archivo?</translation>
    </message>
    <message>
        <source>{name} exists. Replace it?</source>
        <translation>{name} ya existe. ¿Reemplazarlo?</translation>
    </message>
</context>
<context>
    <name>FirstRunPanel</name>
    <message>
        <source>Welcome</source>
        <translation>Bienvenida</translation>
    </message>
    <message>
        <source>Welcome to Translator</source>
        <translation>Te damos la bienvenida a Translator</translation>
    </message>
    <message>
        <source>Translator interprets speech live between two languages. Try it now with the built-in demo, or use your OpenAI API key to translate for real.</source>
        <translation>Translator interpreta la voz en directo entre dos idiomas. Pruébalo ahora con la demo integrada o usa tu clave de API de OpenAI para traducir de verdad.</translation>
    </message>
    <message>
        <source>What Translator does</source>
        <translation>Qué hace Translator</translation>
    </message>
    <message>
        <source>Try the &amp;demo</source>
        <translation>Probar la &amp;demo</translation>
    </message>
    <message>
        <source>Try the demo without a key</source>
        <translation>Probar la demo sin clave</translation>
    </message>
    <message>
        <source>Or paste your OpenAI API key (from platform.openai.com, API keys). It is kept in your system&apos;s keyring, never in a file.</source>
        <translation>O pega tu clave de API de OpenAI (de platform.openai.com, API keys). Se guarda en el llavero del sistema, nunca en un archivo.</translation>
    </message>
    <message>
        <source>About the API key</source>
        <translation>Sobre la clave de API</translation>
    </message>
    <message>
        <source>OpenAI API key</source>
        <translation>Clave de API de OpenAI</translation>
    </message>
    <message>
        <source>&amp;Use my OpenAI key</source>
        <translation>&amp;Usar mi clave de OpenAI</translation>
    </message>
    <message>
        <source>Save the key and start</source>
        <translation>Guardar la clave y empezar</translation>
    </message>
    <message>
        <source>Key status</source>
        <translation>Estado de la clave</translation>
    </message>
    <message>
        <source>Paste your key first, or try the demo.</source>
        <translation>Pega primero tu clave o prueba la demo.</translation>
    </message>
    <message>
        <source>Key stored in the OS keyring. Ready.</source>
        <translation>Clave guardada en el llavero del sistema. Todo listo.</translation>
    </message>
    <message>
        <source>Key kept for this session only: no keyring on this system. You will need to paste it again next time.</source>
        <translation>Clave guardada solo para esta sesión: este sistema no tiene llavero. La próxima vez tendrás que pegarla de nuevo.</translation>
    </message>
</context>
<context>
    <name>HistoryWindow</name>
    <message>
        <source>Session history</source>
        <translation>Historial de sesiones</translation>
    </message>
    <message>
        <source>Search words, names, languages…</source>
        <translation>Buscar palabras, nombres, idiomas…</translation>
    </message>
    <message>
        <source>Search sessions</source>
        <translation>Buscar sesiones</translation>
    </message>
    <message>
        <source>Past sessions</source>
        <translation>Sesiones anteriores</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sesión</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Idiomas</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source>Utterances</source>
        <translation>Enunciados</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>History notice</source>
        <translation>Aviso del historial</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Abrir</translation>
    </message>
    <message>
        <source>Open the session in the transcript</source>
        <translation>Abrir la sesión en la transcripción</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportar</translation>
    </message>
    <message>
        <source>Export the session</source>
        <translation>Exportar la sesión</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>Cambiar &amp;nombre</translation>
    </message>
    <message>
        <source>Rename the session</source>
        <translation>Cambiar el nombre de la sesión</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Eliminar…</translation>
    </message>
    <message>
        <source>Delete the session</source>
        <translation>Eliminar la sesión</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
    <message>
        <source>Close the session history</source>
        <translation>Cerrar el historial de sesiones</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>terminada</translation>
    </message>
    <message>
        <source>unfinished</source>
        <translation>sin terminar</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>Escuchar</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Llamada</translation>
    </message>
    <message>
        <source>Face-to-face</source>
        <translation>Cara a cara</translation>
    </message>
    <message>
        <source>Could not rename: {error}</source>
        <translation>No se pudo cambiar el nombre: {error}</translation>
    </message>
    <message>
        <source>Renamed to {title}.</source>
        <translation>Nuevo nombre: {title}.</translation>
    </message>
    <message>
        <source>Could not export: {error}; pick another folder</source>
        <translation>No se pudo exportar: {error}; elige otra carpeta</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>Exportado a {path}</translation>
    </message>
    <message>
        <source>Delete session?</source>
        <translation>¿Eliminar la sesión?</translation>
    </message>
    <message>
        <source>Delete session {id} ({started}) and its transcript? This cannot be undone.</source>
        <translation>¿Eliminar la sesión {id} ({started}) y su transcripción? No se puede deshacer.</translation>
    </message>
    <message>
        <source>Could not delete: {error}</source>
        <translation>No se pudo eliminar: {error}</translation>
    </message>
</context>
<context>
    <name>KeyShape</name>
    <message>
        <source>That is not a key: a key is one word, without spaces. Paste the key alone.</source>
        <translation>Eso no es una clave: una clave es una sola palabra, sin espacios. Pega solo la clave.</translation>
    </message>
    <message>
        <source>OpenAI keys start with sk-. Paste the whole key.</source>
        <translation>Las claves de OpenAI empiezan por sk-. Pega la clave completa.</translation>
    </message>
    <message>
        <source>That is too short for a key. Paste the whole key.</source>
        <translation>Es demasiado corto para ser una clave. Pega la clave completa.</translation>
    </message>
</context>
<context>
    <name>LevelMeter</name>
    <message>
        <source>{rms:.0f} dBFS, peak {peak:.0f} dBFS</source>
        <translation>{rms:.0f} dBFS, pico {peak:.0f} dBFS</translation>
    </message>
    <message>
        <source>silent</source>
        <translation>en silencio</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Translator main window</source>
        <translation>Ventana principal de Translator</translation>
    </message>
    <message>
        <source>Translator</source>
        <translation>Translator</translation>
    </message>
    <message>
        <source>Demo mode: translations come from the built-in local server, not from OpenAI. To translate for real, open Settings (Ctrl+,), choose a provider and save your API key (or set OPENAI_API_KEY), then press Start.</source>
        <translation>Modo de demostración: las traducciones vienen del servidor local integrado, no de OpenAI. Para traducir de verdad, abre Ajustes (Ctrl+,), elige un proveedor y guarda tu clave de API (o define OPENAI_API_KEY); después pulsa Iniciar.</translation>
    </message>
    <message>
        <source>Demo mode notice</source>
        <translation>Aviso de modo demo</translation>
    </message>
    <message>
        <source>Language A</source>
        <translation>Idioma A</translation>
    </message>
    <message>
        <source>Language B</source>
        <translation>Idioma B</translation>
    </message>
    <message>
        <source>Swap languages</source>
        <translation>Intercambiar idiomas</translation>
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
        <translation>Servidor personalizado</translation>
    </message>
    <message>
        <source>Local demo server</source>
        <translation>Servidor local de demostración</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>Escuchar</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Llamada</translation>
    </message>
    <message>
        <source>Voice for A to B</source>
        <translation>Voz de A a B</translation>
    </message>
    <message>
        <source>Voice for B to A</source>
        <translation>Voz de B a A</translation>
    </message>
    <message>
        <source>Input device</source>
        <translation>Dispositivo de entrada</translation>
    </message>
    <message>
        <source>Output device</source>
        <translation>Dispositivo de salida</translation>
    </message>
    <message>
        <source>Their audio (call)</source>
        <translation>Audio de la otra parte (llamada)</translation>
    </message>
    <message>
        <source>Your headphones (call)</source>
        <translation>Tus auriculares (llamada)</translation>
    </message>
    <message>
        <source>Input level</source>
        <translation>Nivel de entrada</translation>
    </message>
    <message>
        <source>Output level</source>
        <translation>Nivel de salida</translation>
    </message>
    <message>
        <source>Their audio level</source>
        <translation>Nivel de su audio</translation>
    </message>
    <message>
        <source>Headphones level</source>
        <translation>Nivel de los auriculares</translation>
    </message>
    <message>
        <source>To the ca&amp;ll</source>
        <translation>A la &amp;llamada</translation>
    </message>
    <message>
        <source>Fr&amp;om the call</source>
        <translation>&amp;De la llamada</translation>
    </message>
    <message>
        <source>Your &amp;headphones</source>
        <translation>Tus a&amp;uriculares</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Probar</translation>
    </message>
    <message>
        <source>Meter this device now, before Start: speak and watch</source>
        <translation>Medir este dispositivo ahora, antes de Iniciar: habla y mira el nivel</translation>
    </message>
    <message>
        <source>Play a short test sound on this device</source>
        <translation>Reproducir un breve sonido de prueba en este dispositivo</translation>
    </message>
    <message>
        <source>Test {device}</source>
        <translation>Probar {device}</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>Start or stop interpreting</source>
        <translation>Iniciar o detener la interpretación</translation>
    </message>
    <message>
        <source>Play a sample conversation</source>
        <translation>Reproducir una conversación de ejemplo</translation>
    </message>
    <message>
        <source>Live transcript</source>
        <translation>Transcripción en directo</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Hablante</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Translation</source>
        <translation>Traducción</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Session status</source>
        <translation>Estado de la sesión</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Export transcript</source>
        <translation>&amp;Exportar transcripción</translation>
    </message>
    <message>
        <source>{label} (.{suffix})…</source>
        <translation>{label} (.{suffix})…</translation>
    </message>
    <message>
        <source>Session &amp;history</source>
        <translation>&amp;Historial de sesiones</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>S&amp;ubtitles overlay</source>
        <translation>S&amp;ubtítulos superpuestos</translation>
    </message>
    <message>
        <source>Service and model</source>
        <translation>Servicio y modelo</translation>
    </message>
    <message>
        <source>&amp;Change…</source>
        <translation>&amp;Cambiar…</translation>
    </message>
    <message>
        <source>Change the service or model in Settings</source>
        <translation>Cambiar el servicio o el modelo en Ajustes</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <source>Hear a talk, a video or a meeting in your language, one way.</source>
        <translation>Escucha una charla, un vídeo o una reunión en tu idioma, en un solo sentido.</translation>
    </message>
    <message>
        <source>A Zoom, Teams or Meet call, both ways: the call hears your translation through a virtual cable, you hear theirs.</source>
        <translation>Una llamada de Zoom, Teams o Meet, en los dos sentidos: la llamada oye tu traducción por un cable virtual y tú oyes la de la otra parte.</translation>
    </message>
    <message>
        <source>Face to face</source>
        <translation>Cara a cara</translation>
    </message>
    <message>
        <source>Two people at this computer, each speaking their own language.</source>
        <translation>Dos personas ante este ordenador, cada una en su idioma.</translation>
    </message>
    <message>
        <source>Run time</source>
        <translation>Tiempo en curso</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>What is said and its translation appear here. Press Start and speak, or play a sample conversation to see how it works.</source>
        <translation>Aquí aparecen lo que se dice y su traducción. Pulsa Iniciar y habla, o reproduce una conversación de ejemplo para ver cómo funciona.</translation>
    </message>
    <message>
        <source>&amp;Rescan audio devices</source>
        <translation>&amp;Buscar dispositivos de audio</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Ajustes…</translation>
    </message>
    <message>
        <source>Manual turn detection (Settings): hold the talk button while you speak; releasing it ends the utterance.</source>
        <translation>Detección de turnos manual (Ajustes): mantén pulsado el botón de hablar mientras hablas; al soltarlo termina la intervención.</translation>
    </message>
    <message>
        <source>Local demo server: {provider} needs a key</source>
        <translation>Servidor de demostración local: {provider} necesita una clave</translation>
    </message>
    <message>
        <source>Model retirement notice</source>
        <translation>Aviso de retirada del modelo</translation>
    </message>
    <message>
        <source>Switch to the successor model</source>
        <translation>Cambiar al modelo sucesor</translation>
    </message>
    <message>
        <source>{model} was shut down by OpenAI on {date}.</source>
        <translation>OpenAI retiró {model} el {date}.</translation>
    </message>
    <message>
        <source>Sessions with it are refused.</source>
        <translation>Las sesiones con él se rechazan.</translation>
    </message>
    <message>
        <source>{model} shuts down on OpenAI on {date}.</source>
        <translation>OpenAI retira {model} el {date}.</translation>
    </message>
    <message>
        <source>{days} days left.</source>
        <translation>Quedan {days} días.</translation>
    </message>
    <message>
        <source>Last day.</source>
        <translation>Último día.</translation>
    </message>
    <message>
        <source>Its successor is {successor}.</source>
        <translation>Su sucesor es {successor}.</translation>
    </message>
    <message>
        <source>Switch to {model}</source>
        <translation>Cambiar a {model}</translation>
    </message>
    <message>
        <source>Switched to {model}.</source>
        <translation>Cambiado a {model}.</translation>
    </message>
    <message>
        <source>The new interface language applies at the next start.</source>
        <translation>El nuevo idioma de la interfaz se aplicará en el próximo inicio.</translation>
    </message>
    <message>
        <source>The service accepted the key.</source>
        <translation>El servicio aceptó la clave.</translation>
    </message>
    <message>
        <source>The key was not accepted: {message}</source>
        <translation>La clave no fue aceptada: {message}</translation>
    </message>
    <message>
        <source>Settings not saved: {error}</source>
        <translation>No se guardaron los ajustes: {error}</translation>
    </message>
    <message>
        <source>Talk mode</source>
        <translation>Modo de habla</translation>
    </message>
    <message>
        <source>Auto (always listening)</source>
        <translation>Automático (siempre escuchando)</translation>
    </message>
    <message>
        <source>Push-to-talk</source>
        <translation>Pulsar para hablar</translation>
    </message>
    <message>
        <source>&amp;Talk</source>
        <translation>&amp;Hablar</translation>
    </message>
    <message>
        <source>you</source>
        <translation>tú</translation>
    </message>
    <message>
        <source>them</source>
        <translation>la otra parte</translation>
    </message>
    <message>
        <source>Hold to talk: {side} ({key})</source>
        <translation>Mantén para hablar: {side} ({key})</translation>
    </message>
    <message>
        <source>Hold to talk, side {side}</source>
        <translation>Mantén para hablar, lado {side}</translation>
    </message>
    <message>
        <source>Your &amp;microphone</source>
        <translation>Tu &amp;micrófono</translation>
    </message>
    <message>
        <source>What you say, to be translated</source>
        <translation>Lo que dices, para traducirlo</translation>
    </message>
    <message>
        <source>A virtual cable the call app takes as its microphone</source>
        <translation>Un cable virtual que la aplicación de llamadas usa como micrófono</translation>
    </message>
    <message>
        <source>A virtual cable the call app plays the other side into</source>
        <translation>Un cable virtual por el que la aplicación de llamadas reproduce a la otra parte</translation>
    </message>
    <message>
        <source>Where you hear the other side&apos;s translation</source>
        <translation>Donde oyes la traducción de la otra parte</translation>
    </message>
    <message>
        <source>&amp;Microphone</source>
        <translation>&amp;Micrófono</translation>
    </message>
    <message>
        <source>Hears both of you</source>
        <translation>Os oye a los dos</translation>
    </message>
    <message>
        <source>&amp;Speakers</source>
        <translation>Al&amp;tavoces</translation>
    </message>
    <message>
        <source>Both of you hear the translations</source>
        <translation>Los dos oyen las traducciones</translation>
    </message>
    <message>
        <source>&amp;Listen to</source>
        <translation>&amp;Escuchar</translation>
    </message>
    <message>
        <source>The talk: a microphone, or the computer&apos;s own sound</source>
        <translation>La charla: un micrófono o el propio sonido del ordenador</translation>
    </message>
    <message>
        <source>&amp;Hear on</source>
        <translation>&amp;Oír en</translation>
    </message>
    <message>
        <source>Your headphones or speakers</source>
        <translation>Tus auriculares o altavoces</translation>
    </message>
    <message>
        <source>Voice yo&amp;u hear</source>
        <translation>Voz que &amp;oyes</translation>
    </message>
    <message>
        <source>Voice th&amp;ey hear</source>
        <translation>Voz que o&amp;yen</translation>
    </message>
    <message>
        <source>To them</source>
        <translation>Para la otra parte</translation>
    </message>
    <message>
        <source>To you</source>
        <translation>Para ti</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Tú</translation>
    </message>
    <message>
        <source>Them</source>
        <translation>La otra parte</translation>
    </message>
    <message>
        <source>The talk is in</source>
        <translation>La charla es en</translation>
    </message>
    <message>
        <source>Translate into</source>
        <translation>Traducir al</translation>
    </message>
    <message>
        <source>I speak</source>
        <translation>Yo hablo</translation>
    </message>
    <message>
        <source>They speak</source>
        <translation>La otra parte habla</translation>
    </message>
    <message>
        <source>Could not look for audio devices: {message}</source>
        <translation>No se pudieron buscar dispositivos de audio: {message}</translation>
    </message>
    <message>
        <source>Audio devices: {inputs} to listen with, {outputs} to play on.</source>
        <translation>Dispositivos de audio: {inputs} para escuchar, {outputs} para reproducir.</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Predeterminado del sistema</translation>
    </message>
    <message>
        <source>Sound server (PulseAudio or PipeWire)</source>
        <translation>Servidor de sonido (PulseAudio o PipeWire)</translation>
    </message>
    <message>
        <source>Sound server (PipeWire)</source>
        <translation>Servidor de sonido (PipeWire)</translation>
    </message>
    <message>
        <source>{name} (system default)</source>
        <translation>{name} (predeterminado del sistema)</translation>
    </message>
    <message>
        <source>No audio device found</source>
        <translation>No se encontró ningún dispositivo de audio</translation>
    </message>
    <message>
        <source>No audio device found: plug in a microphone and speakers, then View → Rescan audio devices (F5).</source>
        <translation>No se encontró ningún dispositivo de audio: conecta un micrófono y altavoces y luego Ver → Buscar dispositivos de audio (F5).</translation>
    </message>
    <message>
        <source>Two synthetic speakers talk through the interpreter in this mode, with these languages, voices and devices. The local demo server answers: no key needed, nothing leaves this computer.</source>
        <translation>Dos voces sintéticas conversan a través del intérprete en este modo, con estos idiomas, voces y dispositivos. Responde el servidor local de demostración: no hace falta clave y nada sale de este ordenador.</translation>
    </message>
    <message>
        <source>The sample conversation speaks {languages}: choose two of them.</source>
        <translation>La conversación de ejemplo habla {languages}: elige dos de ellos.</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconectando…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Live {time}</source>
        <translation>En directo {time}</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Could not test the device: {message}</source>
        <translation>No se pudo probar el dispositivo: {message}</translation>
    </message>
    <message>
        <source>The device stopped: {reason}</source>
        <translation>El dispositivo se detuvo: {reason}</translation>
    </message>
    <message>
        <source>listening</source>
        <translation>escuchando</translation>
    </message>
    <message>
        <source>translating</source>
        <translation>traduciendo</translation>
    </message>
    <message>
        <source>done</source>
        <translation>hecho</translation>
    </message>
    <message>
        <source>cut short</source>
        <translation>interrumpida</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>detenido</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>falló</translation>
    </message>
    <message>
        <source>nothing to translate</source>
        <translation>nada que traducir</translation>
    </message>
    <message>
        <source> · {ms} ms</source>
        <translation> · {ms} ms</translation>
    </message>
    <message>
        <source>Could not start: {message}</source>
        <translation>No se pudo iniciar: {message}</translation>
    </message>
    <message>
        <source>Choose another device</source>
        <translation>Elegir otro dispositivo</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Open settings</source>
        <translation>Abrir los ajustes</translation>
    </message>
    <message>
        <source>Stopped: {message}</source>
        <translation>Detenido: {message}</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Detenido.</translation>
    </message>
    <message>
        <source>Could not start.</source>
        <translation>No se pudo iniciar.</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>conectando…</translation>
    </message>
    <message>
        <source>live</source>
        <translation>en directo</translation>
    </message>
    <message>
        <source>reconnecting…</source>
        <translation>reconectando…</translation>
    </message>
    <message>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <source> over {transport}</source>
        <translation> por {transport}</translation>
    </message>
    <message>
        <source>, last latency {ms} ms</source>
        <translation>, última latencia {ms} ms</translation>
    </message>
    <message>
        <source>, {name} {percent}% left</source>
        <translation>, {name}: queda un {percent}%</translation>
    </message>
    <message>
        <source>simulated cost ${usd}</source>
        <translation>coste simulado ${usd}</translation>
    </message>
    <message>
        <source>cost ${usd}</source>
        <translation>coste ${usd}</translation>
    </message>
    <message>
        <source>{tokens} tokens</source>
        <translation>{tokens} tokens</translation>
    </message>
    <message>
        <source>{minutes} audio min</source>
        <translation>{minutes} min de audio</translation>
    </message>
    <message>
        <source>audio dropouts: {count}</source>
        <translation>cortes de audio: {count}</translation>
    </message>
    <message>
        <source>Could not export: {error}; pick another folder</source>
        <translation>No se pudo exportar: {error}; elige otra carpeta</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>Exportado a {path}</translation>
    </message>
    <message>
        <source>Stop interpreting first, then open a past session.</source>
        <translation>Detén primero la interpretación y luego abre una sesión anterior.</translation>
    </message>
    <message>
        <source>Showing session {id} of {started} (read only)</source>
        <translation>Mostrando la sesión {id} del {started} (solo lectura)</translation>
    </message>
</context>
<context>
    <name>ProblemBar</name>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Dismiss the problem</source>
        <translation>Descartar el problema</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Proveedor</translation>
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
        <translation>Endpoint personalizado</translation>
    </message>
    <message>
        <source>Local demo (no key)</source>
        <translation>Demo local (sin clave)</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <source>&amp;Provider</source>
        <translation>&amp;Proveedor</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clave de API</translation>
    </message>
    <message>
        <source>Paste a new key to replace the stored one</source>
        <translation>Pega una clave nueva para sustituir la guardada</translation>
    </message>
    <message>
        <source>Save &amp;key</source>
        <translation>Guardar &amp;clave</translation>
    </message>
    <message>
        <source>Save the API key</source>
        <translation>Guardar la clave de API</translation>
    </message>
    <message>
        <source>&amp;Remove key</source>
        <translation>&amp;Quitar clave</translation>
    </message>
    <message>
        <source>Remove the stored API key</source>
        <translation>Quitar la clave de API guardada</translation>
    </message>
    <message>
        <source>Where the API key is kept</source>
        <translation>Dónde se guarda la clave de API</translation>
    </message>
    <message>
        <source>API &amp;key</source>
        <translation>Clave de &amp;API</translation>
    </message>
    <message>
        <source>Whether the service accepted the key</source>
        <translation>Si el servicio aceptó la clave</translation>
    </message>
    <message>
        <source>Endpoint base URL</source>
        <translation>URL base del endpoint</translation>
    </message>
    <message>
        <source>&amp;Endpoint URL</source>
        <translation>URL del &amp;endpoint</translation>
    </message>
    <message>
        <source>Azure resource endpoint</source>
        <translation>Endpoint del recurso de Azure</translation>
    </message>
    <message>
        <source>Azure &amp;resource</source>
        <translation>&amp;Recurso de Azure</translation>
    </message>
    <message>
        <source>Azure deployment</source>
        <translation>Implementación de Azure</translation>
    </message>
    <message>
        <source>&amp;Deployment</source>
        <translation>&amp;Implementación</translation>
    </message>
    <message>
        <source>Azure API version</source>
        <translation>Versión de la API de Azure</translation>
    </message>
    <message>
        <source>API &amp;version</source>
        <translation>&amp;Versión de la API</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Conexión</translation>
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
        <translation>Automática (WebRTC; si no, WebSocket)</translation>
    </message>
    <message>
        <source>How each session reaches the service. WebRTC sends the audio as Opus over UDP and copes better with a lossy network; Automatic falls back to WebSocket when no call connects within 5 seconds. The Azure preview engine speaks WebSocket only.</source>
        <translation>Cómo llega cada sesión al servicio. WebRTC envía el audio como Opus por UDP y aguanta mejor una red que pierde paquetes; Automática vuelve a WebSocket si ninguna llamada conecta en 5 segundos. El motor de Azure en versión preliminar solo usa WebSocket.</translation>
    </message>
    <message>
        <source>Co&amp;nnection</source>
        <translation>Co&amp;nexión</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>&amp;Modelo</translation>
    </message>
    <message>
        <source>Reasoning effort</source>
        <translation>Esfuerzo de razonamiento</translation>
    </message>
    <message>
        <source>Minimal (fastest)</source>
        <translation>Mínimo (lo más rápido)</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Bajo</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Medio</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Alto</translation>
    </message>
    <message>
        <source>Extra high (slowest)</source>
        <translation>Muy alto (lo más lento)</translation>
    </message>
    <message>
        <source>Reasoning models (gpt-realtime-2.1-mini, …) think before they speak: more effort, more delay and more output tokens. Other models ignore it.</source>
        <translation>Los modelos de razonamiento (gpt-realtime-2.1-mini, …) piensan antes de hablar: más esfuerzo, más retardo y más tokens de salida. Los demás modelos lo ignoran.</translation>
    </message>
    <message>
        <source>Reas&amp;oning</source>
        <translation>Raz&amp;onamiento</translation>
    </message>
    <message>
        <source>Speech and sound</source>
        <translation>Voz y sonido</translation>
    </message>
    <message>
        <source>Turn detection</source>
        <translation>Detección de turnos</translation>
    </message>
    <message>
        <source>Pause in speech (server VAD)</source>
        <translation>Pausa al hablar (VAD del servidor)</translation>
    </message>
    <message>
        <source>End of sentence (semantic VAD)</source>
        <translation>Fin de frase (VAD semántico)</translation>
    </message>
    <message>
        <source>Manual (push to talk)</source>
        <translation>Manual (pulsar para hablar)</translation>
    </message>
    <message>
        <source>&amp;Turn detection</source>
        <translation>&amp;Detección de turnos</translation>
    </message>
    <message>
        <source>Silence that ends a turn, in milliseconds</source>
        <translation>Silencio que cierra un turno, en milisegundos</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>&amp;Silence</source>
        <translation>&amp;Silencio</translation>
    </message>
    <message>
        <source>Noise reduction</source>
        <translation>Reducción de ruido</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automática</translation>
    </message>
    <message>
        <source>Headset (near field)</source>
        <translation>Auriculares con micrófono (campo cercano)</translation>
    </message>
    <message>
        <source>Laptop or room microphone (far field)</source>
        <translation>Micrófono del portátil o de sala (campo lejano)</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Desactivada</translation>
    </message>
    <message>
        <source>&amp;Noise reduction</source>
        <translation>Reducción de &amp;ruido</translation>
    </message>
    <message>
        <source>Ducking depth of the original voice, in dB</source>
        <translation>Atenuación de la voz original, en dB</translation>
    </message>
    <message>
        <source> dB</source>
        <translation> dB</translation>
    </message>
    <message>
        <source>D&amp;ucking</source>
        <translation>&amp;Atenuación</translation>
    </message>
    <message>
        <source>Echo guard</source>
        <translation>Protección contra eco</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Activada</translation>
    </message>
    <message>
        <source>Ec&amp;ho guard</source>
        <translation>Protección contra &amp;eco</translation>
    </message>
    <message>
        <source>Translation</source>
        <translation>Traducción</translation>
    </message>
    <message>
        <source>Previous turns kept as context</source>
        <translation>Turnos anteriores conservados como contexto</translation>
    </message>
    <message>
        <source>Con&amp;text turns</source>
        <translation>Turnos de con&amp;texto</translation>
    </message>
    <message>
        <source>Glossary, one term = translation per line</source>
        <translation>Glosario, un término = traducción por línea</translation>
    </message>
    <message>
        <source>Acme Cloud = Acme Cloud
chart = gráfico</source>
        <translation>Acme Cloud = Acme Cloud
gráfico = chart</translation>
    </message>
    <message>
        <source>&amp;Glossary</source>
        <translation>&amp;Glosario</translation>
    </message>
    <message>
        <source>Extra instructions for the translator</source>
        <translation>Instrucciones adicionales para el traductor</translation>
    </message>
    <message>
        <source>e.g. Use a formal register.</source>
        <translation>p. ej., Usa un registro formal.</translation>
    </message>
    <message>
        <source>&amp;Instructions</source>
        <translation>I&amp;nstrucciones</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Apariencia</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Idioma de la interfaz</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <source>A new language applies the next time Translator starts.</source>
        <translation>El nuevo idioma se aplica la próxima vez que se inicie Translator.</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>Id&amp;ioma</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <source>T&amp;heme</source>
        <translation>Te&amp;ma</translation>
    </message>
    <message>
        <source>Settings message</source>
        <translation>Mensaje de ajustes</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>Des&amp;hacer cambios</translation>
    </message>
    <message>
        <source>Revert to the saved settings</source>
        <translation>Volver a los ajustes guardados</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>A&amp;plicar</translation>
    </message>
    <message>
        <source>Apply the settings</source>
        <translation>Aplicar los ajustes</translation>
    </message>
    <message>
        <source>glossary line {n}: write it as term = translation</source>
        <translation>línea {n} del glosario: escríbela como término = traducción</translation>
    </message>
    <message>
        <source>Not applied: {reason}</source>
        <translation>No se aplicó: {reason}</translation>
    </message>
    <message>
        <source>Settings applied.</source>
        <translation>Ajustes aplicados.</translation>
    </message>
    <message>
        <source>Paste a key first.</source>
        <translation>Pega primero una clave.</translation>
    </message>
    <message>
        <source>Checking the key with the service…</source>
        <translation>Comprobando la clave con el servicio…</translation>
    </message>
    <message>
        <source>✓ The service accepted the key.</source>
        <translation>✓ El servicio aceptó la clave.</translation>
    </message>
    <message>
        <source>✗ {problem}</source>
        <translation>✗ {problem}</translation>
    </message>
    <message>
        <source>The local demo needs no key.</source>
        <translation>La demo local no necesita clave.</translation>
    </message>
    <message>
        <source>Key stored in the OS keyring.</source>
        <translation>Clave guardada en el llavero del sistema.</translation>
    </message>
    <message>
        <source>Key kept for this session only: no keyring on this system.</source>
        <translation>Clave guardada solo para esta sesión: este sistema no tiene llavero.</translation>
    </message>
    <message>
        <source>No key saved.</source>
        <translation>No hay ninguna clave guardada.</translation>
    </message>
    <message>
        <source>Key taken from the environment variable {name}.</source>
        <translation>Clave tomada de la variable de entorno {name}.</translation>
    </message>
    <message>
        <source>Key given on the command line.</source>
        <translation>Clave indicada en la línea de órdenes.</translation>
    </message>
</context>
<context>
    <name>SettingsWindow</name>
    <message>
        <source>Settings — Translator</source>
        <translation>Ajustes — Translator</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
</context>
<context>
    <name>SubtitleOverlay</name>
    <message>
        <source>Subtitles</source>
        <translation>Subtítulos</translation>
    </message>
    <message>
        <source>Original speech</source>
        <translation>Voz original</translation>
    </message>
    <message>
        <source>Latest translation</source>
        <translation>Última traducción</translation>
    </message>
    <message>
        <source>Resize subtitles</source>
        <translation>Cambiar el tamaño de los subtítulos</translation>
    </message>
</context>
</TS>
