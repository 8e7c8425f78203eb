<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>ArithmeticDock</name>
    <message>
        <source>Arithmetic</source>
        <translation>Aritmética</translation>
    </message>
    <message>
        <source>&amp;Arithmetic of the selected unit</source>
        <translation>&amp;Aritmética da unidade selecionada</translation>
    </message>
    <message>
        <source>&amp;Convolution playground…</source>
        <translation>Laboratório de &amp;convolução…</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Ferramentas</translation>
    </message>
</context>
<context>
    <name>ArithmeticView</name>
    <message>
        <source>Loading the model…</source>
        <translation>Carregando o modelo…</translation>
    </message>
    <message>
        <source>Arithmetic</source>
        <translation>Aritmética</translation>
    </message>
    <message>
        <source>Draw a digit (or pick a sample), then click a unit in the network panels.</source>
        <translation>Desenhe um dígito (ou escolha uma amostra) e clique numa unidade dos painéis da rede.</translation>
    </message>
    <message>
        <source>Click a unit in the network panels (a feature map, a pooled map or a fully connected layer) to see how its value was computed, then press play.</source>
        <translation>Clique numa unidade dos painéis da rede (um mapa de características, um mapa após o pooling ou uma camada totalmente conectada) para ver como seu valor foi calculado; depois aperte play.</translation>
    </message>
    <message>
        <source>The network input is the preprocessed drawing: nothing is computed here. Click a unit of conv1 to see the first layer&apos;s arithmetic.</source>
        <translation>A entrada da rede é o desenho pré-processado: nada é calculado aqui. Clique numa unidade da conv1 para ver a aritmética da primeira camada.</translation>
    </message>
    <message>
        <source>%1: map %2, row %3, col %4</source>
        <translation>%1: mapa %2, linha %3, coluna %4</translation>
    </message>
    <message>
        <source>%1: unit %2</source>
        <translation>%1: unidade %2</translation>
    </message>
    <message>
        <source>%1[%2]: output so far</source>
        <translation>%1[%2]: saída até agora</translation>
    </message>
    <message>
        <source>%1: output so far</source>
        <translation>%1: saída até agora</translation>
    </message>
    <message>
        <source>Selected unit</source>
        <translation>Unidade selecionada</translation>
    </message>
    <message>
        <source>Softmax and loss</source>
        <translation>Softmax e perda</translation>
    </message>
</context>
<context>
    <name>CheckpointFeatures</name>
    <message>
        <source>Shipped models</source>
        <translation>Modelos incluídos</translation>
    </message>
    <message>
        <source>My models</source>
        <translation>Meus modelos</translation>
    </message>
    <message>
        <source>(none yet: put .pt files in the models folder)</source>
        <translation>(nenhum ainda: coloque arquivos .pt na pasta de modelos)</translation>
    </message>
    <message>
        <source>(no recent checkpoints)</source>
        <translation>(nenhum checkpoint recente)</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>Limpar a lista</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Abrir &amp;recente</translation>
    </message>
    <message>
        <source>&amp;Models</source>
        <translation>&amp;Modelos</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Ferramentas</translation>
    </message>
    <message>
        <source>Model &amp;details…</source>
        <translation>&amp;Detalhes do modelo…</translation>
    </message>
    <message>
        <source>The layers, their shapes and parameter counts, and the checkpoint&apos;s data</source>
        <translation>As camadas, seus formatos e números de parâmetros, e os dados do checkpoint</translation>
    </message>
    <message>
        <source>&amp;Compare with…</source>
        <translation>&amp;Comparar com…</translation>
    </message>
    <message>
        <source>Run a second checkpoint on the same drawing, side by side</source>
        <translation>Executa um segundo checkpoint no mesmo desenho, lado a lado</translation>
    </message>
    <message>
        <source>&amp;Evaluate on a test set…</source>
        <translation>&amp;Avaliar num conjunto de teste…</translation>
    </message>
    <message>
        <source>Open models &amp;folder</source>
        <translation>Abrir a &amp;pasta de modelos</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare with checkpoint</source>
        <translation>Comparar com o checkpoint</translation>
    </message>
    <message>
        <source>Checkpoints (%1)</source>
        <translation>Checkpoints (%1)</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>Carregando %1…</translation>
    </message>
    <message>
        <source>Could not load the model to compare with</source>
        <translation>Não foi possível carregar o modelo para comparar</translation>
    </message>
    <message>
        <source>max pooling</source>
        <translation>pooling máximo</translation>
    </message>
    <message>
        <source>average pooling</source>
        <translation>pooling médio</translation>
    </message>
    <message>
        <source>%1% accuracy</source>
        <translation>acurácia de %1%</translation>
    </message>
    <message>
        <source>Compare two models on the same drawing</source>
        <translation>Comparar dois modelos no mesmo desenho</translation>
    </message>
    <message>
        <source>Compare the window&apos;s model with:</source>
        <translation>Comparar o modelo da janela com:</translation>
    </message>
    <message>
        <source>choose a model…</source>
        <translation>escolha um modelo…</translation>
    </message>
    <message>
        <source>Other file…</source>
        <translation>Outro arquivo…</translation>
    </message>
    <message>
        <source>First guess</source>
        <translation>Primeiro palpite</translation>
    </message>
    <message>
        <source>Second guess</source>
        <translation>Segundo palpite</translation>
    </message>
    <message>
        <source>Choose a model above</source>
        <translation>Escolha um modelo acima</translation>
    </message>
</context>
<context>
    <name>ConvPage</name>
    <message>
        <source>of %1: one kernel and one sum each; the sums add up (right)</source>
        <translation>de %1: um kernel e uma soma cada; as somas se somam (à direita)</translation>
    </message>
    <message>
        <source>%1[%2]: window</source>
        <translation>%1[%2]: janela</translation>
    </message>
    <message>
        <source>patch (%1)</source>
        <translation>recorte (%1)</translation>
    </message>
    <message>
        <source>kernel %1[%2]</source>
        <translation>kernel %1[%2]</translation>
    </message>
    <message>
        <source>Σ = %1</source>
        <translation>Σ = %1</translation>
    </message>
    <message>
        <source>Σ of the %1 products</source>
        <translation>Σ dos %1 produtos</translation>
    </message>
    <message>
        <source>Σ channel %1</source>
        <translation>Σ canal %1</translation>
    </message>
    <message>
        <source>total of the %1 channel sums</source>
        <translation>total das somas dos %1 canais</translation>
    </message>
    <message>
        <source>Input channel</source>
        <translation>Canal de entrada</translation>
    </message>
    <message>
        <source>products</source>
        <translation>produtos</translation>
    </message>
</context>
<context>
    <name>DrawingCanvas</name>
    <message>
        <source>Clear</source>
        <translation>Limpar</translation>
    </message>
    <message>
        <source>Load picture</source>
        <translation>Carregar imagem</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Apagar</translation>
    </message>
    <message>
        <source>Stroke</source>
        <translation>Traço</translation>
    </message>
</context>
<context>
    <name>EvaluationDialog</name>
    <message>
        <source>Folder of IDX files (t10k-images, t10k-labels)</source>
        <translation>Pasta de arquivos IDX (t10k-images, t10k-labels)</translation>
    </message>
    <message>
        <source>No model is loaded yet.</source>
        <translation>Nenhum modelo carregado ainda.</translation>
    </message>
    <message>
        <source>Choose a folder of IDX files first.</source>
        <translation>Escolha primeiro uma pasta de arquivos IDX.</translation>
    </message>
    <message>
        <source>Loading the data…</source>
        <translation>Carregando os dados…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>Avaliar</translation>
    </message>
    <message>
        <source>%1 of %2 images</source>
        <translation>%1 de %2 imagens</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Falhou</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>Done in %1 s</source>
        <translation>Concluído em %1 s</translation>
    </message>
    <message>
        <source>Accuracy of %1 on %2: %3% (%4 of %5 images right)</source>
        <translation>Acurácia de %1 em %2: %3% (%4 de %5 imagens certas)</translation>
    </message>
    <message>
        <source>The window now shows %1: press Evaluate to measure that model.</source>
        <translation>A janela agora mostra %1: clique em Avaliar para medir esse modelo.</translation>
    </message>
    <message>
        <source>Test image #%1 (%2)</source>
        <translation>Imagem de teste nº %1 (%2)</translation>
    </message>
    <message>
        <source>Evaluate, then click a cell of the matrix to see its images.</source>
        <translation>Avalie e depois clique numa célula da matriz para ver as suas imagens.</translation>
    </message>
    <message>
        <source>Click a cell to see its images: the diagonal holds the right answers, the other cells the mistakes.</source>
        <translation>Clique numa célula para ver as suas imagens: a diagonal tem os acertos, as outras células os erros.</translation>
    </message>
    <message>
        <source>True class %1, predicted %2: %3 images. Click one to explain it.</source>
        <translation>Classe verdadeira %1, prevista %2: %3 imagens. Clique numa para explicá-la.</translation>
    </message>
    <message>
        <source>Evaluate the model</source>
        <translation>Avaliar o modelo</translation>
    </message>
    <message>
        <source>Test set:</source>
        <translation>Conjunto de teste:</translation>
    </message>
    <message>
        <source>Held-out MNIST digits (1,000)</source>
        <translation>Dígitos MNIST reservados (1.000)</translation>
    </message>
    <message>
        <source>Fashion-MNIST test images (10,000)</source>
        <translation>Imagens de teste do Fashion-MNIST (10.000)</translation>
    </message>
    <message>
        <source>Folder of IDX files…</source>
        <translation>Pasta de arquivos IDX…</translation>
    </message>
    <message>
        <source>folder with t10k-images-idx3-ubyte(.gz)</source>
        <translation>pasta com t10k-images-idx3-ubyte(.gz)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Procurar…</translation>
    </message>
    <message>
        <source>true class</source>
        <translation>classe verdadeira</translation>
    </message>
    <message>
        <source>predicted class</source>
        <translation>classe prevista</translation>
    </message>
    <message>
        <source>Choose a test set and press Evaluate: the confusion matrix will appear here.</source>
        <translation>Escolha um conjunto de teste e clique em Avaliar: a matriz de confusão aparecerá aqui.</translation>
    </message>
    <message>
        <source>Not run yet</source>
        <translation>Ainda não executada</translation>
    </message>
</context>
<context>
    <name>FcPage</name>
    <message>
        <source>the %1 largest of %2 inputs × weights</source>
        <translation>os %1 maiores de %2 entradas × pesos</translation>
    </message>
    <message>
        <source>%1: the %2 inputs</source>
        <translation>%1: as %2 entradas</translation>
    </message>
    <message>
        <source>Σ of the %1 largest (chart)</source>
        <translation>Σ dos %1 maiores (gráfico)</translation>
    </message>
    <message>
        <source>+ Σ of the other %1</source>
        <translation>+ Σ dos outros %1</translation>
    </message>
    <message>
        <source>= Σ of all %1 products</source>
        <translation>= Σ de todos os %1 produtos</translation>
    </message>
</context>
<context>
    <name>GuessesView</name>
    <message>
        <source>Output</source>
        <translation>Saída</translation>
    </message>
    <message>
        <source>First guess</source>
        <translation>Primeiro palpite</translation>
    </message>
    <message>
        <source>Second guess</source>
        <translation>Segundo palpite</translation>
    </message>
    <message>
        <source>Probability of each class (softmax)</source>
        <translation>Probabilidade de cada classe (softmax)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Open another model</source>
        <translation>Abrir outro modelo</translation>
    </message>
    <message>
        <source>A network is being trained. Stop the training? What it learned so far is kept until you open another model.</source>
        <translation>Uma rede está sendo treinada. Parar o treinamento? O que ela aprendeu até agora fica guardado até você abrir outro modelo.</translation>
    </message>
    <message>
        <source>Could not load the model</source>
        <translation>Não foi possível carregar o modelo</translation>
    </message>
    <message>
        <source>Could not run the model</source>
        <translation>Não foi possível executar o modelo</translation>
    </message>
    <message>
        <source>Could not open the image</source>
        <translation>Não foi possível abrir a imagem</translation>
    </message>
    <message>
        <source>Open image</source>
        <translation>Abrir imagem</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>Imagens (%1)</translation>
    </message>
    <message>
        <source>Open checkpoint</source>
        <translation>Abrir checkpoint</translation>
    </message>
    <message>
        <source>Checkpoints (%1)</source>
        <translation>Checkpoints (%1)</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Colar</translation>
    </message>
    <message>
        <source>Nothing to paste</source>
        <translation>Nada para colar</translation>
    </message>
    <message>
        <source>The clipboard holds no image. Copy a picture of a digit first.</source>
        <translation>A área de transferência não contém imagem. Copie antes a imagem de um dígito.</translation>
    </message>
    <message>
        <source>Could not open the sample</source>
        <translation>Não foi possível abrir o exemplo</translation>
    </message>
    <message>
        <source>Sample %1</source>
        <translation>Exemplo %1</translation>
    </message>
    <message>
        <source>Loading model…</source>
        <translation>Carregando modelo…</translation>
    </message>
    <message>
        <source>No model: %1</source>
        <translation>Sem modelo: %1</translation>
    </message>
    <message>
        <source>Ready: draw a digit.</source>
        <translation>Pronto: desenhe um dígito.</translation>
    </message>
    <message>
        <source>Device: %1</source>
        <translation>Dispositivo: %1</translation>
    </message>
    <message>
        <source>Device: –</source>
        <translation>Dispositivo: –</translation>
    </message>
    <message>
        <source>Inference: %1 ms</source>
        <translation>Inferência: %1 ms</translation>
    </message>
    <message>
        <source>Inference: –</source>
        <translation>Inferência: –</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>Modelo: %1</translation>
    </message>
    <message>
        <source>CNN Explainer</source>
        <translation>CNN Explainer</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;Samples</source>
        <translation>E&amp;xemplos</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Visualizar</translation>
    </message>
    <message>
        <source>&amp;Layers</source>
        <translation>&amp;Camadas</translation>
    </message>
    <message>
        <source>L&amp;anguage</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>Open &amp;image…</source>
        <translation>Abrir &amp;imagem…</translation>
    </message>
    <message>
        <source>Open &amp;checkpoint…</source>
        <translation>Abrir &amp;checkpoint…</translation>
    </message>
    <message>
        <source>&amp;Paste image</source>
        <translation>Co&amp;lar imagem</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Desfazer</translation>
    </message>
    <message>
        <source>Undo the last stroke (Ctrl+Z)</source>
        <translation>Desfazer o último traço (Ctrl+Z)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Refazer</translation>
    </message>
    <message>
        <source>Redo (Ctrl+Shift+Z)</source>
        <translation>Refazer (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation>&amp;Limpar</translation>
    </message>
    <message>
        <source>Clear the drawing (Esc)</source>
        <translation>Limpar o desenho (Esc)</translation>
    </message>
    <message>
        <source>&amp;Eraser</source>
        <translation>&amp;Borracha</translation>
    </message>
    <message>
        <source>Erase with the left button (E); the right button always erases</source>
        <translation>Apagar com o botão esquerdo (E); o botão direito sempre apaga</translation>
    </message>
    <message>
        <source>&amp;Bigger brush</source>
        <translation>Pincel &amp;maior</translation>
    </message>
    <message>
        <source>&amp;Smaller brush</source>
        <translation>Pincel me&amp;nor</translation>
    </message>
    <message>
        <source>&amp;Auto-scale activations</source>
        <translation>&amp;Escala automática das ativações</translation>
    </message>
    <message>
        <source>Stretch each layer&apos;s colours to the current values instead of fixed limits</source>
        <translation>Ajustar as cores de cada camada aos valores atuais em vez de limites fixos</translation>
    </message>
    <message>
        <source>Show &amp;preprocessing steps</source>
        <translation>Mostrar etapas de &amp;pré-processamento</translation>
    </message>
    <message>
        <source>Digit %1</source>
        <translation>Dígito %1</translation>
    </message>
    <message>
        <source>Your drawing</source>
        <translation>Seu desenho</translation>
    </message>
    <message>
        <source>Draw a digit with the left button; the right button erases.</source>
        <translation>Desenhe um dígito com o botão esquerdo; o botão direito apaga.</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>Pincel</translation>
    </message>
    <message>
        <source>Brush size ([ and ])</source>
        <translation>Tamanho do pincel ([ e ])</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
</context>
<context>
    <name>ModelDialog</name>
    <message>
        <source>Model details</source>
        <translation>Detalhes do modelo</translation>
    </message>
</context>
<context>
    <name>ModelPanel</name>
    <message>
        <source>Model: %1</source>
        <translation>Modelo: %1</translation>
    </message>
    <message>
        <source>input</source>
        <translation>entrada</translation>
    </message>
    <message>
        <source>convolution %1×%1 + %2</source>
        <translation>convolução %1×%1 + %2</translation>
    </message>
    <message>
        <source>%1 pooling %2×%2</source>
        <translation>pooling %1 %2×%2</translation>
    </message>
    <message>
        <source>max</source>
        <translation>máximo</translation>
    </message>
    <message>
        <source>average</source>
        <translation>médio</translation>
    </message>
    <message>
        <source>fully connected + %1</source>
        <translation>totalmente conectada + %1</translation>
    </message>
    <message>
        <source>fully connected → softmax</source>
        <translation>totalmente conectada → softmax</translation>
    </message>
    <message>
        <source>input, padded by %1</source>
        <translation>entrada, com borda de %1</translation>
    </message>
    <message>
        <source>total</source>
        <translation>total</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Arquivo</translation>
    </message>
    <message>
        <source>%1 training images</source>
        <translation>%1 imagens de treino</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Conjunto de dados</translation>
    </message>
    <message>
        <source>(%1 of %2 held-out images)</source>
        <translation>(%1 de %2 imagens reservadas)</translation>
    </message>
    <message>
        <source>(%1 of %2 test images)</source>
        <translation>(%1 de %2 imagens de teste)</translation>
    </message>
    <message>
        <source>(%1 of %2 images)</source>
        <translation>(%1 de %2 imagens)</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Acurácia</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Épocas</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>on %1</source>
        <translation>em %1</translation>
    </message>
    <message>
        <source>Training time</source>
        <translation>Tempo de treino</translation>
    </message>
    <message>
        <source>(assumed: not stored in the file)</source>
        <translation>(suposto: não guardado no arquivo)</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>Ativação</translation>
    </message>
    <message>
        <source>Pooling</source>
        <translation>Pooling</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source>%1×%1, padding %2, normalised (x − %3) / %4</source>
        <translation>%1×%1, borda %2, normalizada (x − %3) / %4</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Classes</translation>
    </message>
    <message>
        <source>Imported from</source>
        <translation>Importado de</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Salvo em</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Camada</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operação</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>Formato da saída</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parâmetros</translation>
    </message>
    <message>
        <source>Formula (weights + bias)·outputs</source>
        <translation>Fórmula (pesos + viés)·saídas</translation>
    </message>
    <message>
        <source>About this checkpoint</source>
        <translation>Sobre este checkpoint</translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <source>feature maps</source>
        <translation>mapas de características</translation>
    </message>
    <message>
        <source>filters (weights)</source>
        <translation>filtros (pesos)</translation>
    </message>
    <message>
        <source>network input</source>
        <translation>entrada da rede</translation>
    </message>
    <message>
        <source>fully connected</source>
        <translation>totalmente conectada</translation>
    </message>
    <message>
        <source>class scores</source>
        <translation>pontuações das classes</translation>
    </message>
    <message>
        <source>max pooling %1×%1</source>
        <translation>pooling máximo %1×%1</translation>
    </message>
    <message>
        <source>average pooling %1×%1</source>
        <translation>pooling médio %1×%1</translation>
    </message>
    <message>
        <source>Hover over a unit to see its value and receptive field; click to select it.</source>
        <translation>Passe o mouse sobre uma unidade para ver seu valor e campo receptivo; clique para selecioná-la.</translation>
    </message>
    <message>
        <source>%1 weight [%2, %3, %4, %5] = %6</source>
        <translation>%1 peso [%2, %3, %4, %5] = %6</translation>
    </message>
    <message>
        <source>  (probability %1)</source>
        <translation>  (probabilidade %1)</translation>
    </message>
</context>
<context>
    <name>NumberTable</name>
    <message>
        <source>zero padding</source>
        <translation>preenchimento com zeros</translation>
    </message>
    <message>
        <source>no window reaches this cell</source>
        <translation>nenhuma janela alcança esta célula</translation>
    </message>
    <message>
        <source>“%1” is not a number; the cell keeps %2.</source>
        <translation>“%1” não é um número; a célula continua com %2.</translation>
    </message>
</context>
<context>
    <name>PlaygroundDialog</name>
    <message>
        <source>channel %1</source>
        <translation>canal %1</translation>
    </message>
    <message>
        <source>bias</source>
        <translation>viés</translation>
    </message>
    <message>
        <source>filter %1</source>
        <translation>filtro %1</translation>
    </message>
    <message>
        <source>Parameters: (F·F·C + 1)·K = %1</source>
        <translation>Parâmetros: (F·F·C + 1)·K = %1</translation>
    </message>
    <message>
        <source>Output size: (N + 2P − F)/S + 1 = %1</source>
        <translation>Tamanho da saída: (N + 2P − F)/S + 1 = %1</translation>
    </message>
    <message>
        <source>Does not fit: %1</source>
        <translation>Não cabe: %1</translation>
    </message>
    <message>
        <source>No output: the windows do not tile the input. The pink cells are left over: no window reaches them. Change S, P or F.</source>
        <translation>Sem saída: as janelas não cobrem a entrada. As células rosa sobram: nenhuma janela as alcança. Mude S, P ou F.</translation>
    </message>
    <message>
        <source>Output size: (N + 2P − F)/S + 1 = %1, so the output is %2</source>
        <translation>Tamanho da saída: (N + 2P − F)/S + 1 = %1, então a saída é %2</translation>
    </message>
    <message>
        <source>Worked steps of output cell (filter %1, row %2, col %3)</source>
        <translation>Passo a passo da célula de saída (filtro %1, linha %2, coluna %3)</translation>
    </message>
    <message>
        <source>my preset</source>
        <translation>meu exemplo</translation>
    </message>
    <message>
        <source>Could not load the preset</source>
        <translation>Não foi possível abrir o exemplo</translation>
    </message>
    <message>
        <source>Could not save the preset</source>
        <translation>Não foi possível salvar o exemplo</translation>
    </message>
    <message>
        <source>Load preset</source>
        <translation>Abrir exemplo</translation>
    </message>
    <message>
        <source>Presets (%1)</source>
        <translation>Exemplos (%1)</translation>
    </message>
    <message>
        <source>Save preset</source>
        <translation>Salvar exemplo</translation>
    </message>
    <message>
        <source>Convolution playground</source>
        <translation>Laboratório de convolução</translation>
    </message>
    <message>
        <source>N, input size</source>
        <translation>N, tamanho da entrada</translation>
    </message>
    <message>
        <source>F, kernel size</source>
        <translation>F, tamanho do kernel</translation>
    </message>
    <message>
        <source>S, stride</source>
        <translation>S, passo (stride)</translation>
    </message>
    <message>
        <source>P, padding</source>
        <translation>P, preenchimento (padding)</translation>
    </message>
    <message>
        <source>C, input channels</source>
        <translation>C, canais de entrada</translation>
    </message>
    <message>
        <source>K, filters</source>
        <translation>K, filtros</translation>
    </message>
    <message>
        <source>Textbook presets</source>
        <translation>Exemplos de livro</translation>
    </message>
    <message>
        <source>Random integers</source>
        <translation>Inteiros aleatórios</translation>
    </message>
    <message>
        <source>Input 0 to 9, weights and biases −2 to 2</source>
        <translation>Entrada de 0 a 9, pesos e vieses de −2 a 2</translation>
    </message>
    <message>
        <source>Zeros</source>
        <translation>Zeros</translation>
    </message>
    <message>
        <source>Load preset…</source>
        <translation>Abrir exemplo…</translation>
    </message>
    <message>
        <source>Save preset…</source>
        <translation>Salvar exemplo…</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source>Type numbers in the cells; grey cells are the zero padding.</source>
        <translation>Digite números nas células; as células cinza são o preenchimento com zeros.</translation>
    </message>
    <message>
        <source>One kernel per input channel, one bias per filter.</source>
        <translation>Um kernel por canal de entrada, um viés por filtro.</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Saída</translation>
    </message>
    <message>
        <source>Click a cell to see its worked steps.</source>
        <translation>Clique numa célula para ver o passo a passo.</translation>
    </message>
    <message>
        <source>Kernels and biases</source>
        <translation>Kernels e vieses</translation>
    </message>
    <message>
        <source>Worked steps</source>
        <translation>Passo a passo</translation>
    </message>
</context>
<context>
    <name>PoolPage</name>
    <message>
        <source>%1[%2]: window</source>
        <translation>%1[%2]: janela</translation>
    </message>
    <message>
        <source>%1×%2 window of %3, stride %4</source>
        <translation>janela %1×%2 de %3, passo %4</translation>
    </message>
    <message>
        <source>The largest of the %1 values (marked) is kept: input row %2, col %3.</source>
        <translation>Fica o maior dos %1 valores (marcado): linha %2, coluna %3 da entrada.</translation>
    </message>
    <message>
        <source>max of the %1 values →</source>
        <translation>máximo dos %1 valores →</translation>
    </message>
    <message>
        <source>Average pooling: the mean of the %1 values.</source>
        <translation>Pooling pela média: a média dos %1 valores.</translation>
    </message>
    <message>
        <source>Σ of the %1 values</source>
        <translation>Σ dos %1 valores</translation>
    </message>
    <message>
        <source>mean = Σ / %1 →</source>
        <translation>média = Σ / %1 →</translation>
    </message>
</context>
<context>
    <name>PreprocessView</name>
    <message>
        <source>Ink bounding
box</source>
        <translation>Caixa da
tinta</translation>
    </message>
    <message>
        <source>28×28
downsampled</source>
        <translation>Reduzido
para 28×28</translation>
    </message>
    <message>
        <source>%1×%1
network input</source>
        <translation>Entrada da
rede %1×%1</translation>
    </message>
    <message>
        <source>Show ink box and centre of mass</source>
        <translation>Mostrar caixa e centro de massa</translation>
    </message>
    <message>
        <source>Before the network sees your drawing, it is prepared like the MNIST digits the network learned from: cut to its ink, shrunk to fit a 20×20 box, placed so that its centre of mass is at the centre of a 28×28 field, then padded to the network&apos;s input size.</source>
        <translation>Antes de a rede ver o seu desenho, ele é preparado como os dígitos do MNIST com que a rede aprendeu: recortado até a tinta, reduzido para caber numa caixa de 20×20, posicionado de modo que o seu centro de massa fique no centro de um campo de 28×28 e então completado com bordas até o tamanho da entrada da rede.</translation>
    </message>
    <message>
        <source>No ink yet: draw a digit.</source>
        <translation>Ainda sem tinta: desenhe um dígito.</translation>
    </message>
    <message>
        <source>Centre of mass at row %1, column %2</source>
        <translation>Centro de massa na linha %1, coluna %2</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>no activation: the value</source>
        <translation>sem ativação: o valor</translation>
    </message>
    <message>
        <source>+ bias</source>
        <translation>+ viés</translation>
    </message>
    <message>
        <source>= before the activation</source>
        <translation>= antes da ativação</translation>
    </message>
    <message>
        <source>the network computed</source>
        <translation>a rede calculou</translation>
    </message>
</context>
<context>
    <name>SoftmaxPage</name>
    <message>
        <source>Draw a digit to see the softmax of its logits.</source>
        <translation>Desenhe um dígito para ver a softmax dos seus logits.</translation>
    </message>
    <message>
        <source>%1 true label   %2 the network&apos;s guess</source>
        <translation>%1 rótulo verdadeiro   %2 palpite da rede</translation>
    </message>
    <message>
        <source>1. subtract the largest logit, %1, from every logit (avoids overflow; the result is the same)
2. exp of each
3. add them up: Σ = %2
4. divide each exp by Σ: the probabilities, which sum to 1</source>
        <translation>1. subtraia o maior logit, %1, de cada logit (evita estouro; o resultado é o mesmo)
2. exp de cada um
3. some todos: Σ = %2
4. divida cada exp por Σ: as probabilidades, que somam 1</translation>
    </message>
    <message>
        <source>True label unknown: pick the class this drawing really is to see its cross-entropy loss (the network&apos;s guess is %1).</source>
        <translation>Rótulo verdadeiro desconhecido: escolha a classe que este desenho é de fato para ver a perda de entropia cruzada (o palpite da rede é %1).</translation>
    </message>
    <message>
        <source>cross-entropy for true label %1: −%2(p[%1]) = −%2(%3) = %4</source>
        <translation>entropia cruzada para o rótulo verdadeiro %1: −%2(p[%1]) = −%2(%3) = %4</translation>
    </message>
    <message>
        <source>Drawn by hand: its true label is not known.</source>
        <translation>Desenhado à mão: o rótulo verdadeiro não é conhecido.</translation>
    </message>
    <message>
        <source>From the sample: a real MNIST digit of this class.</source>
        <translation>Da amostra: um dígito real do MNIST desta classe.</translation>
    </message>
    <message>
        <source>From the test set: the label the dataset gives this image.</source>
        <translation>Do conjunto de teste: o rótulo que o conjunto de dados dá a esta imagem.</translation>
    </message>
    <message>
        <source>From the file name.</source>
        <translation>Do nome do arquivo.</translation>
    </message>
    <message>
        <source>Picked by you.</source>
        <translation>Escolhido por você.</translation>
    </message>
    <message>
        <source>True label</source>
        <translation>Rótulo verdadeiro</translation>
    </message>
    <message>
        <source>unknown — pick one</source>
        <translation>desconhecido — escolha um</translation>
    </message>
    <message>
        <source>Logarithm base</source>
        <translation>Base do logaritmo</translation>
    </message>
    <message>
        <source>e (natural, ln)</source>
        <translation>e (natural, ln)</translation>
    </message>
    <message>
        <source>10 (log₁₀)</source>
        <translation>10 (log₁₀)</translation>
    </message>
    <message>
        <source>2 (log₂, bits)</source>
        <translation>2 (log₂, bits)</translation>
    </message>
    <message>
        <source>class</source>
        <translation>classe</translation>
    </message>
    <message>
        <source>logit z</source>
        <translation>logit z</translation>
    </message>
    <message>
        <source>z − max</source>
        <translation>z − máx</translation>
    </message>
    <message>
        <source>exp(z − max)</source>
        <translation>exp(z − máx)</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>probabilidade</translation>
    </message>
</context>
<context>
    <name>StepperBar</name>
    <message>
        <source>unit %1 of %2</source>
        <translation>unidade %1 de %2</translation>
    </message>
    <message>
        <source>Step back (Left)</source>
        <translation>Voltar um passo (←)</translation>
    </message>
    <message>
        <source>Step forward (Right)</source>
        <translation>Avançar um passo (→)</translation>
    </message>
    <message>
        <source>Pause (Space)</source>
        <translation>Pausar (Espaço)</translation>
    </message>
    <message>
        <source>Play (Space)</source>
        <translation>Reproduzir (Espaço)</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Velocidade</translation>
    </message>
    <message>
        <source> units/s</source>
        <translation> unidades/s</translation>
    </message>
    <message>
        <source>Drag to go to any unit of the map</source>
        <translation>Arraste para ir a qualquer unidade do mapa</translation>
    </message>
</context>
<context>
    <name>TrainingDock</name>
    <message>
        <source>Training</source>
        <translation>Treinamento</translation>
    </message>
    <message>
        <source>&amp;Train a network…</source>
        <translation>&amp;Treinar uma rede…</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>Folder of IDX files (train-images, train-labels, t10k-…)</source>
        <translation>Pasta de arquivos IDX (train-images, train-labels, t10k-…)</translation>
    </message>
    <message>
        <source>Choose a folder of IDX files first.</source>
        <translation>Escolha primeiro uma pasta de arquivos IDX.</translation>
    </message>
    <message>
        <source>The dataset %1 is not installed on this computer.</source>
        <translation>O conjunto de dados %1 não está instalado neste computador.</translation>
    </message>
    <message>
        <source>Fully connected sizes are whole numbers like 120,100; found “%1”.</source>
        <translation>Os tamanhos das camadas totalmente conectadas são números inteiros como 120,100; encontrado “%1”.</translation>
    </message>
    <message>
        <source>Give 1 to 8 fully connected sizes from 1 to 4096, e.g. 120,100; found “%1”.</source>
        <translation>Informe de 1 a 8 tamanhos de camadas totalmente conectadas, de 1 a 4096, por exemplo 120,100; encontrado “%1”.</translation>
    </message>
    <message>
        <source>Start a new run?</source>
        <translation>Começar um novo treinamento?</translation>
    </message>
    <message>
        <source>The network trained last is not saved. Start a new run anyway?</source>
        <translation>A última rede treinada não foi salva. Começar um novo treinamento mesmo assim?</translation>
    </message>
    <message>
        <source>training run</source>
        <translation>treinamento</translation>
    </message>
    <message>
        <source>Save the trained network</source>
        <translation>Salvar a rede treinada</translation>
    </message>
    <message>
        <source>Checkpoints (%1)</source>
        <translation>Checkpoints (%1)</translation>
    </message>
    <message>
        <source>No timeline: train a network, or open a checkpoint trained with snapshots.</source>
        <translation>Sem linha do tempo: treine uma rede ou abra um checkpoint treinado com snapshots.</translation>
    </message>
    <message>
        <source>snapshot %1 of %2 · step %3 · epoch %4</source>
        <translation>snapshot %1 de %2 · iteração %3 · época %4</translation>
    </message>
    <message>
        <source>held-out accuracy %1%</source>
        <translation>acurácia nos dados reservados %1%</translation>
    </message>
    <message>
        <source>live: the network being trained</source>
        <translation>ao vivo: a rede em treinamento</translation>
    </message>
    <message>
        <source>Starting the training process (loading torch and the data)…</source>
        <translation>Iniciando o processo de treinamento (carregando o torch e os dados)…</translation>
    </message>
    <message>
        <source>Step %1 of %2 · epoch %3 · %4 images/s · %5 left · on %6</source>
        <translation>Iteração %1 de %2 · época %3 · %4 imagens/s · faltam %5 · em %6</translation>
    </message>
    <message>
        <source>training loss %1</source>
        <translation>perda de treinamento %1</translation>
    </message>
    <message>
        <source>Paused.</source>
        <translation>Pausado.</translation>
    </message>
    <message>
        <source>Stopping after this step…</source>
        <translation>Parando depois desta iteração…</translation>
    </message>
    <message>
        <source>Another model is open: the run goes on without showing.</source>
        <translation>Outro modelo está aberto: o treinamento continua sem ser mostrado.</translation>
    </message>
    <message>
        <source>Trained in %1. Drag the slider to go back through training; Save keeps the network and its timeline.</source>
        <translation>Treinada em %1. Arraste o controle deslizante para voltar pelo treinamento; Salvar guarda a rede e a sua linha do tempo.</translation>
    </message>
    <message>
        <source>Stopped after %1; what was trained is kept (Save to keep it for good).</source>
        <translation>Parado depois de %1; o que foi treinado fica guardado (Salvar para guardá-lo de vez).</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Salvo em %1</translation>
    </message>
    <message>
        <source>Choose the settings and press Start. The panels show the network as it learns.</source>
        <translation>Escolha as configurações e aperte Iniciar. Os painéis mostram a rede enquanto ela aprende.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Continuar</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Salvar…</translation>
    </message>
    <message>
        <source>Play the training from the first snapshot</source>
        <translation>Reproduzir o treinamento desde o primeiro snapshot</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Conjunto de dados</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>Ativação</translation>
    </message>
    <message>
        <source>Pooling</source>
        <translation>Pooling</translation>
    </message>
    <message>
        <source>Maps (conv1, conv2)</source>
        <translation>Mapas (conv1, conv2)</translation>
    </message>
    <message>
        <source>Kernel size</source>
        <translation>Tamanho do kernel</translation>
    </message>
    <message>
        <source>Fully connected sizes</source>
        <translation>Camadas totalmente conectadas</translation>
    </message>
    <message>
        <source>Optimiser</source>
        <translation>Otimizador</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Taxa de aprendizado</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>Momentum</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Tamanho do lote</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Épocas</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>Weight decay</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>Aumento de dados</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Semente</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>Snapshots</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <source>MNIST (the shipped 5,000 digits)</source>
        <translation>MNIST (os 5.000 dígitos incluídos)</translation>
    </message>
    <message>
        <source>Fashion-MNIST</source>
        <translation>Fashion-MNIST</translation>
    </message>
    <message>
        <source>A folder of IDX files</source>
        <translation>Uma pasta de arquivos IDX</translation>
    </message>
    <message>
        <source>max pooling</source>
        <translation>max pooling</translation>
    </message>
    <message>
        <source>average pooling</source>
        <translation>pooling médio</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>SGD + momentum</source>
        <translation>SGD + momentum</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>automatic (GPU when there is one)</source>
        <translation>automático (GPU quando houver)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>GPU (CUDA)</source>
        <translation>GPU (CUDA)</translation>
    </message>
    <message>
        <source>random rotation, scale, shift, thickness</source>
        <translation>rotação, escala, deslocamento e espessura aleatórios</translation>
    </message>
    <message>
        <source>Hidden layer sizes, comma-separated: 120,100</source>
        <translation>Tamanhos das camadas ocultas, separados por vírgula: 120,100</translation>
    </message>
    <message>
        <source>How many snapshots of the weights the timeline keeps (dense early)</source>
        <translation>Quantos snapshots dos pesos a linha do tempo guarda (mais densos no começo)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <source>Loss: %1 training (per step) %2 held-out</source>
        <translation>Perda: %1 treinamento (por iteração) %2 dados reservados</translation>
    </message>
    <message>
        <source>Held-out accuracy</source>
        <translation>Acurácia nos dados reservados</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>época</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Linha do tempo</translation>
    </message>
    <message>
        <source>Compare with the end…</source>
        <translation>Comparar com o final…</translation>
    </message>
    <message>
        <source>Open Compare: this snapshot beside the trained network</source>
        <translation>Abrir Comparar: este snapshot ao lado da rede treinada</translation>
    </message>
</context>
</TS>
