<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name></name>
    <message>
        <location filename="../gui/network_view.py" line="+424"/>
        <source>network input</source>
        <translation>entrada da rede</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>feature maps</source>
        <translation>mapas de características</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>filters (weights)</source>
        <translation>filtros (pesos)</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>fully connected</source>
        <translation>totalmente conectada</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>class scores</source>
        <translation>pontuações das classes</translation>
    </message>
</context>
<context>
    <name>DrawingCanvas</name>
    <message>
        <location filename="../gui/canvas.py" line="+150"/>
        <source>Clear</source>
        <translation>Limpar</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Load picture</source>
        <translation>Carregar imagem</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Erase</source>
        <translation>Apagar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stroke</source>
        <translation>Traço</translation>
    </message>
</context>
<context>
    <name>GuessesView</name>
    <message>
        <location filename="../gui/guesses.py" line="+153"/>
        <source>Output</source>
        <translation>Saída</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First guess</source>
        <translation>Primeiro palpite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Second guess</source>
        <translation>Segundo palpite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Probability of each class (softmax)</source>
        <translation>Probabilidade de cada classe (softmax)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../gui/main_window.py" line="+402"/>
        <source>Could not load the model</source>
        <translation>Não foi possível carregar o modelo</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Could not run the model</source>
        <translation>Não foi possível executar o modelo</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Could not open the image</source>
        <translation>Não foi possível abrir a imagem</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+5"/>
        <source>Open image</source>
        <translation>Abrir imagem</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Images (%1)</source>
        <translation>Imagens (%1)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open checkpoint</source>
        <translation>Abrir checkpoint</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checkpoints (%1)</source>
        <translation>Checkpoints (%1)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Paste</source>
        <translation>Colar</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing to paste</source>
        <translation>Nada para colar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The clipboard holds no image. Copy a picture of a digit first.</source>
        <translation>A área de transferência não contém imagem. Copie antes a imagem de um dígito.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not open the sample</source>
        <translation>Não foi possível abrir o exemplo</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+99"/>
        <source>Sample %1</source>
        <translation>Exemplo %1</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>Loading model…</source>
        <translation>Carregando modelo…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No model: %1</source>
        <translation>Sem modelo: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ready: draw a digit.</source>
        <translation>Pronto: desenhe um dígito.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Device: %1</source>
        <translation>Dispositivo: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Device: –</source>
        <translation>Dispositivo: –</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Inference: %1 ms</source>
        <translation>Inferência: %1 ms</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Inference: –</source>
        <translation>Inferência: –</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model: %1</source>
        <translation>Modelo: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CNN Explainer</source>
        <translation>CNN Explainer</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Samples</source>
        <translation>E&amp;xemplos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>&amp;Visualizar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Layers</source>
        <translation>&amp;Camadas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L&amp;anguage</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;image…</source>
        <translation>Abrir &amp;imagem…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;checkpoint…</source>
        <translation>Abrir &amp;checkpoint…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Paste image</source>
        <translation>Co&amp;lar imagem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>&amp;Desfazer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo the last stroke (Ctrl+Z)</source>
        <translation>Desfazer o último traço (Ctrl+Z)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo</source>
        <translation>&amp;Refazer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo (Ctrl+Shift+Z)</source>
        <translation>Refazer (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Clear</source>
        <translation>&amp;Limpar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the drawing (Esc)</source>
        <translation>Limpar o desenho (Esc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Eraser</source>
        <translation>&amp;Borracha</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Erase with the left button (E); the right button always erases</source>
        <translation>Apagar com o botão esquerdo (E); o botão direito sempre apaga</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Bigger brush</source>
        <translation>Pincel &amp;maior</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Smaller brush</source>
        <translation>Pincel me&amp;nor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Auto-scale activations</source>
        <translation>&amp;Escala automática das ativações</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stretch each layer&apos;s colours to the current values instead of fixed limits</source>
        <translation>Ajustar as cores de cada camada aos valores atuais em vez de limites fixos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;preprocessing steps</source>
        <translation>Mostrar etapas de &amp;pré-processamento</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Digit %1</source>
        <translation>Dígito %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your drawing</source>
        <translation>Seu desenho</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draw a digit with the left button; the right button erases.</source>
        <translation>Desenhe um dígito com o botão esquerdo; o botão direito apaga.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Brush</source>
        <translation>Pincel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Brush size ([ and ])</source>
        <translation>Tamanho do pincel ([ e ])</translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <location filename="../gui/network_view.py" line="+113"/>
        <source>max pooling {0}×{0}</source>
        <translation>max pooling {0}×{0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>average pooling {0}×{0}</source>
        <translation>pooling médio {0}×{0}</translation>
    </message>
    <message>
        <location line="+238"/>
        <source>Hover over a unit to see its value and receptive field; click to select it.</source>
        <translation>Passe o mouse sobre uma unidade para ver seu valor e campo receptivo; clique para selecioná-la.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{0} weight [{1}, {2}, {3}, {4}] = {5}</source>
        <translation>{0} peso [{1}, {2}, {3}, {4}] = {5}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>  (probability {0:.1%})</source>
        <translation>  (probabilidade {0:.1%})</translation>
    </message>
</context>
<context>
    <name>PreprocessView</name>
    <message>
        <location filename="../gui/preprocess_view.py" line="+166"/>
        <source>Ink bounding box</source>
        <translation>Caixa delimitadora da tinta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>28×28 downsampled drawing</source>
        <translation>Desenho reduzido 28×28</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1×%1 network input</source>
        <translation>Entrada da rede %1×%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show ink box and centre of mass</source>
        <translation>Mostrar caixa e centro de massa</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Before the network sees your drawing, it is prepared like the MNIST digits the network learned from: cut to its ink, shrunk to fit a 20×20 box, placed so that its centre of mass is at the centre of a 28×28 field, then padded to the network&apos;s input size.</source>
        <translation>Antes de a rede ver o seu desenho, ele é preparado como os dígitos do MNIST com que a rede aprendeu: recortado até a tinta, reduzido para caber numa caixa de 20×20, posicionado de modo que o seu centro de massa fique no centro de um campo de 28×28 e então completado com bordas até o tamanho da entrada da rede.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No ink yet: draw a digit.</source>
        <translation>Ainda sem tinta: desenhe um dígito.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Centre of mass at row %1, column %2</source>
        <translation>Centro de massa na linha %1, coluna %2</translation>
    </message>
</context>
</TS>
